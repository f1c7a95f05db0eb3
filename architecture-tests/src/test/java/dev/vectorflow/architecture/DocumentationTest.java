package dev.vectorflow.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The repository stands on its own: every relative link of the README and of {@code docs/} resolves (file and heading),
 * the README links every page of {@code docs/}, every {@code VF_} setting the shipped code reads is documented, and no
 * file points at design notes that only exist outside the repository. {@link DocumentationChecksTest} proves each
 * check fails on planted mistakes.
 */
class DocumentationTest {

    /**
     * How files would point at the design notes kept beside the repository while it was written (a person who clones it
     * does not have them). Spelt in pieces so that this file does not contain them itself.
     */
    static final List<String> NOTES_OUTSIDE_THE_REPOSITORY = List.of(
            ".." + "/shared", "/work" + "/shared", "shared/vector/" + "README",
            "PROTOCOL" + ".md", "ARCHITECTURE" + ".md", "CONVENTIONS" + ".md", "TOOLCHAIN" + ".md");

    /** A setting's name: {@code VF_} and upper-case words ({@code VF_TEST_} alone is a prefix, not a setting). */
    static final Pattern SETTING = Pattern.compile("\\bVF_[A-Z0-9_]*[A-Z0-9]\\b");

    private final Path root = RepositoryFiles.root();

    @Test
    void everyRelativeLinkOfTheReadmeAndTheDocsResolves() {
        List<Path> pages = RepositoryFiles.documentation(root);
        assertThat(pages).as("README.md and the pages under docs/").hasSizeGreaterThan(4);
        assertThat(MarkdownLinks.brokenLinks(root, pages)).as("broken links").isEmpty();
    }

    @Test
    void theReadmeLinksEveryPageOfTheDocs() {
        List<String> linked = MarkdownLinks.links(read(root.resolve("README.md"))).stream().map(MarkdownLinks.Link::target)
                .map(t -> t.contains("#") ? t.substring(0, t.indexOf('#')) : t).toList();
        List<Path> pages = RepositoryFiles.documentation(root);
        for (Path page : pages.subList(1, pages.size())) {
            assertThat(linked).as("the README links to %s", root.relativize(page)).contains(root.relativize(page).toString());
        }
    }

    @Test
    void everySettingTheShippedCodeReadsIsDocumented() {
        Set<String> read = RepositoryFiles.matches(root, SETTING, DocumentationTest::shipped);
        assertThat(read).as("settings found in the code").contains("VF_MASTER_KEY", "VF_URL", "VF_UPDATE_SETTLE_SECONDS");
        assertThat(undocumented(root, read)).as("VF_ settings the code reads but no page of docs/ names").isEmpty();
    }

    @Test
    void noFileOfTheRepositoryPointsAtNotesOutsideIt() {
        assertThat(RepositoryFiles.linesContaining(root, NOTES_OUTSIDE_THE_REPOSITORY))
                .as("lines that point at files outside the repository (link to docs/ instead)").isEmpty();
    }

    /** Code that runs outside the tests: the modules' main sources, the packaging and the launcher. */
    static boolean shipped(String path) {
        return path.contains("/src/main/") || path.startsWith("packaging/") || path.equals("vectorflow");
    }

    /** The names in {@code settings} that no page under {@code docs/} mentions. */
    static Set<String> undocumented(Path root, Set<String> settings) {
        StringBuilder docs = new StringBuilder();
        List<Path> pages = RepositoryFiles.documentation(root);
        pages.subList(1, pages.size()).forEach(page -> docs.append(read(page)).append('\n'));
        Set<String> missing = new TreeSet<>();
        for (String setting : settings) {
            if (!Pattern.compile("\\b" + setting + "\\b").matcher(docs).find()) {
                missing.add(setting);
            }
        }
        return missing;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
