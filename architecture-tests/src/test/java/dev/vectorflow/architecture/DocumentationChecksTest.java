package dev.vectorflow.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves the documentation checks of {@link DocumentationTest} bite: planted mistakes in a throw-away repository fail them. */
class DocumentationChecksTest {

    @TempDir
    Path repo;

    private Path write(String relative, String text) throws IOException {
        Path file = repo.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void givenALinkToAMissingFile_theCheck_namesFileLineAndTarget() throws IOException {
        Path readme = write("README.md", "# Title\n\nSee [the protocol](docs/protocol.md) and [ops](docs/operations.md).\n");
        write("docs/operations.md", "# Operations\n");

        assertThat(MarkdownLinks.brokenLinks(repo, List.of(readme)))
                .containsExactly("README.md:3: docs/protocol.md: no such file docs/protocol.md");
    }

    @Test
    void givenAnAnchorThatNoHeadingHas_theCheck_reportsIt_inAnotherFileAndInTheSameFile() throws IOException {
        Path readme = write("README.md", "# Title\n\n[a](docs/ops.md#backups) [b](docs/ops.md#backup) [c](#titel) [d](#title)\n");
        write("docs/ops.md", "# Operations\n\n## Backup\n");

        assertThat(MarkdownLinks.brokenLinks(repo, List.of(readme))).containsExactly(
                "README.md:3: docs/ops.md#backups: no heading '#backups' in docs/ops.md",
                "README.md:3: #titel: no heading '#titel' in README.md");
    }

    @Test
    void givenALinkOutOfTheRepository_theCheck_reportsIt() throws IOException {
        Path readme = write("README.md", "The protocol is in [PROTOCOL](../outside/notes.md).\n");

        assertThat(MarkdownLinks.brokenLinks(repo, List.of(readme)))
                .containsExactly("README.md:1: ../outside/notes.md: points outside the repository");
    }

    @Test
    void givenLinksThatResolve_theCheck_findsNothing() throws IOException {
        write("packaging/agent/install.sh", "#!/bin/sh\n");
        write("docs/agent protocol.md", """
                # Agent protocol

                ## `POST /api/agent/heartbeat`: the report!

                ## Errors
                ## Errors

                <a id="custom-anchor"></a>
                Setext heading
                --------------

                ```
                [inside a fence](missing.md)
                ```
                """);
        Path readme = write("README.md", """
                # VectorFlow

                [heartbeat](docs/agent%20protocol.md#post-apiagentheartbeat-the-report) [errors](<docs/agent protocol.md#errors-1>)
                [anchor](docs/agent%20protocol.md#custom-anchor "a title") [setext](docs/agent%20protocol.md#setext-heading)
                [folder](packaging/agent/) [script](./packaging/agent/install.sh) [top](#vectorflow) [root](/README.md)
                [web](https://vector.dev/docs/#top) [mail](mailto:ops@example.com) ![logo](https://example.com/x.png)
                Code is not checked: `[span](missing.md)`.
                [ref]: docs/agent%20protocol.md#errors
                ~~~
                [fenced](missing.md)
                ~~~
                """);

        assertThat(MarkdownLinks.brokenLinks(repo, List.of(readme))).isEmpty();
        assertThat(MarkdownLinks.links(Files.readString(readme))).extracting(MarkdownLinks.Link::line)
                .containsExactly(3, 3, 4, 4, 5, 5, 5, 5, 6, 6, 6, 8);
    }

    @Test
    void slugsAreGitHubs() {
        assertThat(MarkdownLinks.slug("The two commands")).isEqualTo("the-two-commands");
        assertThat(MarkdownLinks.slug("`VF_MASTER_KEY` and backups (read this!)")).isEqualTo("vf_master_key-and-backups-read-this");
        assertThat(MarkdownLinks.slug("Fleet: enrollment, deployments, status")).isEqualTo("fleet-enrollment-deployments-status");
        assertThat(MarkdownLinks.slug("POST /api/agent/config — one pipeline")).isEqualTo("post-apiagentconfig--one-pipeline");
        assertThat(MarkdownLinks.slug("See [the docs](docs/a.md) now")).isEqualTo("see-the-docs-now");
        assertThat(MarkdownLinks.anchors("# A\n## A\n### A ###\n")).containsExactly("a", "a-1", "a-2");
    }

    @Test
    void givenAPlantedMentionOfTheNotesOutsideTheRepository_theCheck_findsIt_butNotInBuildOutput() throws IOException {
        write("README.md", "# VectorFlow\n");
        write("agent-runtime/src/main/java/A.java", "/** Protocol v1 (see " + ".." + "/shared/PROTOCOL" + ".md). */\nclass A {}\n");
        write("agent-runtime/target/classes/A.txt", ".." + "/shared\n");
        write("ui/node_modules/x/README.md", ".." + "/shared\n");
        write("docs/fine.md", "# Fine\n\nThe protocol is in [agent-protocol.md](agent-protocol.md).\n");

        assertThat(RepositoryFiles.linesContaining(repo, DocumentationTest.NOTES_OUTSIDE_THE_REPOSITORY))
                .containsExactly("agent-runtime/src/main/java/A.java:1: /** Protocol v1 (see " + ".." + "/shared/PROTOCOL" + ".md). */");
    }

    @Test
    void givenASettingTheDocsDoNotName_theCheck_findsIt_butOnlyInShippedCode() throws IOException {
        write("README.md", "# VectorFlow\n");
        write("docs/operations.md", "| `VF_HTTP_PORT` | `8080` |\n| `VF_POLL_INTERVAL_MS` | `15000` |\n");
        write("app-server/src/main/java/S.java", "env.get(\"VF_HTTP_PORT\"); env.get(\"VF_SHINY_NEW\"); env.get(\"VF_POLL_INTERVAL\");\n");
        write("app-server/src/test/java/T.java", "env.get(\"VF_ONLY_IN_TESTS\"); name.startsWith(\"VF_TEST_\");\n");
        write("packaging/agent/launcher", "settle=${VF_LAUNCHER_THING:-60}\n");

        Set<String> read = RepositoryFiles.matches(repo, DocumentationTest.SETTING, DocumentationTest::shipped);

        assertThat(read).containsExactly("VF_HTTP_PORT", "VF_LAUNCHER_THING", "VF_POLL_INTERVAL", "VF_SHINY_NEW");
        assertThat(DocumentationTest.undocumented(repo, read)).containsExactly("VF_LAUNCHER_THING", "VF_POLL_INTERVAL", "VF_SHINY_NEW");
    }

    @Test
    void theRepositoryRootIsFoundAboveTheModuleTheTestsRunIn() {
        Path root = RepositoryFiles.root();
        assertThat(root.resolve("architecture-tests/pom.xml")).isRegularFile();
        assertThat(RepositoryFiles.documentation(root).getFirst()).isEqualTo(root.resolve("README.md"));
    }
}
