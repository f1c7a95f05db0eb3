package dev.vectorflow.architecture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.nio.charset.MalformedInputException;

/**
 * The repository's own files as a person who clones it has them: found from the test's working directory (Maven runs
 * a module's tests in the module's folder, so the root is the nearest folder above with {@code mvnw}, {@code pom.xml}
 * and {@code README.md}), without build output, dependencies, local data and Git's own files.
 */
final class RepositoryFiles {

    /** Folders that are never part of the repository: build output, npm packages, Git, editors. */
    private static final Set<String> NOT_SOURCES = Set.of("target", "node_modules", ".git", ".idea", ".vscode");
    /** The server's data folder when it runs from a checkout ({@code ./data}, ignored by Git). */
    private static final String LOCAL_DATA = "data";

    private RepositoryFiles() {
    }

    /** The root of the checkout the tests run in. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("mvnw")) && Files.isRegularFile(d.resolve("pom.xml"))
                    && Files.isRegularFile(d.resolve("README.md"))) {
                return d;
            }
        }
        throw new IllegalStateException("no repository root (a folder with mvnw, pom.xml and README.md) above " + dir);
    }

    /** {@code README.md} and every Markdown file under {@code docs/}. */
    static List<Path> documentation(Path root) {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> all = Files.walk(docs)) {
                all.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + docs, e);
            }
        }
        return files;
    }

    /** Every line of a text file of the repository that contains one of {@code needles}, as {@code file:line: text}. */
    static List<String> linesContaining(Path root, List<String> needles) {
        List<String> found = new ArrayList<>();
        for (Path file : textFiles(root)) {
            String[] lines = read(file).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (String needle : needles) {
                    if (lines[i].contains(needle)) {
                        String line = lines[i].strip();
                        found.add(root.relativize(file) + ":" + (i + 1) + ": " + (line.length() > 160 ? line.substring(0, 160) + "…" : line));
                        break;
                    }
                }
            }
        }
        return found;
    }

    /** Every match of {@code pattern} in the text files whose path (relative to the root, with '/') {@code include} accepts. */
    static Set<String> matches(Path root, Pattern pattern, Predicate<String> include) {
        Set<String> found = new TreeSet<>();
        for (Path file : textFiles(root)) {
            if (include.test(root.relativize(file).toString().replace('\\', '/'))) {
                pattern.matcher(read(file)).results().forEach(m -> found.add(m.group()));
            }
        }
        return found;
    }

    /** The repository's files, without build output, dependencies and Git's files; binary ones (a NUL byte early on) left out. */
    static List<Path> textFiles(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skip = !dir.equals(root) && (NOT_SOURCES.contains(name) || dir.equals(root.resolve(LOCAL_DATA)));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile() && !NOT_SOURCES.contains(file.getFileName().toString()) && !binary(file)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + root, e);
        }
        files.sort(null);
        return files;
    }

    private static boolean binary(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(8192);
            for (byte b : start) {
                if (b == 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException notUtf8) {
            try {
                return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
