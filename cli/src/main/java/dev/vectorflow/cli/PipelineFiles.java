package dev.vectorflow.cli;

import dev.vectorflow.adapter.vector.VectorPipelines;
import dev.vectorflow.core.pipeline.Edge;
import dev.vectorflow.core.pipeline.GraphImporter;
import dev.vectorflow.core.pipeline.PipelineComponent;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineName;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Vector config files read and judged locally with the embeddable library: one file for {@code validate}, a directory of
 * them for {@code apply}. A file's normal form is the YAML the library renders of what it imports, so formatting,
 * comments, key order and YAML/TOML/JSON do not count as changes, and a literal secret counts as its secret reference.
 */
public final class PipelineFiles {

    /** The most files an apply directory may hold. */
    public static final int MAX_FILES = 500;
    /** The largest file, the server's import limit (8 MiB). */
    public static final long MAX_BYTES = 8L * 1024 * 1024;

    /** A file of an apply directory: the pipeline it describes, its text, graph and normal form. */
    public record Desired(String name, Path file, ConfigFormat format, String text, GraphImporter.ImportResult imported, String normalized) {

        public PipelineGraph graph() {
            return imported.graph();
        }

        @Override
        public String toString() {
            return "Desired[" + name + " from " + file + "]";
        }
    }

    /** A file read: what the library imported and every problem of it (import and validation). */
    public record Judged(GraphImporter.ImportResult imported, List<Problem> problems) {

        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }
    }

    private final VectorPipelines vector;

    public PipelineFiles(VectorPipelines vector) {
        this.vector = vector;
    }

    /** Imports and validates a text as the server would before a publish. */
    public Judged judge(String text, ConfigFormat format) {
        GraphImporter.ImportResult imported;
        try {
            imported = vector.importConfig(text, Optional.of(format));
        } catch (RuntimeException e) {
            return new Judged(null, List.of(Problem.error(null, "", e.getMessage() == null ? e.toString() : e.getMessage())));
        }
        List<Problem> problems = new ArrayList<>(imported.problems());
        if (!imported.hasErrors()) {
            problems.addAll(vector.validate(imported.graph()));
        }
        return new Judged(imported, problems);
    }

    /** The normal form of a graph: the YAML rendering of its components and edges sorted by key (file order does not count). */
    public String normalized(PipelineGraph graph) {
        List<PipelineComponent> components = graph.components().stream().sorted(Comparator.comparing(c -> c.key().value())).toList();
        List<Edge> edges = graph.edges().stream().sorted(Comparator.comparing((Edge e) -> e.to().value()).thenComparing(Edge::input)).toList();
        return vector.render(new PipelineGraph(components, edges, graph.globalOptions()), ConfigFormat.YAML);
    }

    /** The normal form of a stored version's YAML. */
    public String normalizedYaml(String yaml) {
        GraphImporter.ImportResult imported = vector.importConfig(yaml, Optional.of(ConfigFormat.YAML));
        return normalized(imported.graph());
    }

    /** A rendering of the stored YAML in another format (for {@code export --format toml} of a version). */
    public String convert(String yaml, ConfigFormat format) {
        return vector.render(vector.importConfig(yaml, Optional.of(ConfigFormat.YAML)).graph(), format);
    }

    /** Reads one file (up to the size limit, UTF-8). */
    public static String readText(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new CtlFailure(ExitCodes.ERROR, "no file " + file);
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new CtlFailure(ExitCodes.REFUSED, file + " is larger than the import limit of 8 MiB");
            }
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new CtlFailure(ExitCodes.REFUSED, file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new CtlFailure(ExitCodes.ERROR, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The format of a file by its extension, empty for a file apply ignores. */
    public static Optional<ConfigFormat> formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return Optional.of(ConfigFormat.YAML);
        }
        if (name.endsWith(".toml")) {
            return Optional.of(ConfigFormat.TOML);
        }
        return name.endsWith(".json") ? Optional.of(ConfigFormat.JSON) : Optional.empty();
    }

    /**
     * The pipelines a directory describes: every {@code *.yaml|*.yml|*.toml|*.json} file (not in subdirectories, hidden
     * files skipped), named after the file without its extension. All files are judged before anything changes; any
     * problem refuses the whole directory with every problem of every file.
     */
    public List<Desired> readDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CtlFailure(ExitCodes.ERROR, "no directory " + dir);
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(dir)) {
            files = listed.filter(f -> !f.getFileName().toString().startsWith(".")).filter(Files::isRegularFile)
                    .filter(f -> formatOf(f).isPresent()).sorted().limit(MAX_FILES + 1L).toList();
        } catch (IOException e) {
            throw new CtlFailure(ExitCodes.ERROR, "cannot list " + dir + ": " + e.getMessage());
        }
        if (files.size() > MAX_FILES) {
            throw new CtlFailure(ExitCodes.REFUSED, dir + " holds more than " + MAX_FILES + " pipeline files; split it by environment");
        }
        List<String> problems = new ArrayList<>();
        Map<String, Path> byName = new HashMap<>();
        List<Desired> desired = new ArrayList<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            String name = fileName.substring(0, fileName.lastIndexOf('.'));
            try {
                new PipelineName(name);
            } catch (IllegalArgumentException e) {
                problems.add(fileName + ": the file name is no valid pipeline name (" + e.getMessage() + ")");
                continue;
            }
            Path other = byName.putIfAbsent(name.toLowerCase(Locale.ROOT), file);
            if (other != null) {
                problems.add(fileName + ": names the same pipeline as " + other.getFileName() + " (names ignore case and extension)");
                continue;
            }
            ConfigFormat format = formatOf(file).orElseThrow();
            String text;
            try {
                text = readText(file);
            } catch (CtlFailure e) {
                problems.add(fileName + ": " + e.getMessage());
                continue;
            }
            Judged judged = judge(text, format);
            judged.problems().stream().filter(Problem::isError).forEach(p -> problems.add(fileName + ": " + describe(p)));
            if (!judged.hasErrors()) {
                desired.add(new Desired(name, file, format, text, judged.imported(), normalized(judged.imported().graph())));
            }
        }
        if (!problems.isEmpty()) {
            throw new CtlFailure(ExitCodes.REFUSED, "nothing was changed; the directory has problems:\n  " + String.join("\n  ", problems));
        }
        return desired;
    }

    /** A problem as one line: where, then what. */
    public static String describe(Problem p) {
        String where = p.component().map(c -> c.value() + (p.optionPath().isEmpty() ? "" : "." + p.optionPath()))
                .orElse(p.optionPath().isEmpty() ? "pipeline" : p.optionPath());
        return (p.isError() ? "error " : "warning ") + where + ": " + p.message();
    }
}
