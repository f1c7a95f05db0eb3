package dev.vectorflow.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The stand-in's batch run, for configs with a {@code stdin} source (what the agent's preview runs): reads NDJSON events
 * from standard input until it ends, passes each through the topology and appends what reaches a {@code file} sink to its
 * {@code path} as JSON lines, then exits 0, as Vector does when its only source has finished.
 *
 * <p>It is not Vector. A {@code remap} runs only when every statement of its program is in {@link Remap}'s small subset;
 * any other transform (and a remap it cannot read) passes events through unchanged, and the log says so. Sinks other
 * than {@code file} drop what they get.
 */
final class StandinBatch {

    private final StandinConfig.Loaded config;
    private final PrintStream log;
    private final Map<String, List<String>> consumers = new HashMap<>();
    private final Map<String, Optional<Remap>> remaps = new HashMap<>();
    private final Set<String> warned = new HashSet<>();

    private StandinBatch(StandinConfig.Loaded config, PrintStream log) {
        this.config = config;
        this.log = log;
        for (StandinConfig.Component c : config.components().values()) {
            for (String input : c.inputs()) {
                String from = input.contains(".") ? input.substring(0, input.indexOf('.')) : input;
                consumers.computeIfAbsent(from, k -> new ArrayList<>()).add(c.id());
            }
        }
    }

    /** True when the config has a {@code stdin} source: then it runs as a batch. */
    static boolean applies(StandinConfig.Loaded config) {
        return config.components().values().stream().anyMatch(c -> c.kind().equals("source") && c.type().equals("stdin"));
    }

    /** Runs the whole batch; the exit code. */
    static int run(StandinConfig.Loaded config, InputStream in, PrintStream log) {
        return new StandinBatch(config, log).run(in);
    }

    private int run(InputStream in) {
        log("INFO", "vector", "Vector has started. debug=\"false\" version=\"0.57.0\" arch=\"x86_64\" revision=\"standin\"");
        List<String> sources = config.components().values().stream().filter(c -> c.kind().equals("source") && c.type().equals("stdin"))
                .map(StandinConfig.Component::id).toList();
        long events = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = parse(line);
                for (String source : sources) {
                    forward(source, event.deepCopy());
                }
                events++;
            }
        } catch (IOException e) {
            log("ERROR", "vector::sources::stdin", "Error reading standard input. error=" + e.getMessage());
            return 1;
        }
        log("INFO", "vector", "All sources have finished. events=" + events);
        log("INFO", "vector", "Vector has stopped.");
        return 0;
    }

    private JsonNode parse(String line) {
        try {
            JsonNode node = StandinConfig.JSON.readTree(line);
            if (node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // Vector's json decoder drops such a line; the stand-in keeps it as a message, like the bytes codec would
        }
        return JsonNodeFactory.instance.objectNode().put("message", line);
    }

    private void forward(String from, JsonNode event) {
        for (String id : consumers.getOrDefault(from, List.of())) {
            StandinConfig.Component c = config.components().get(id);
            switch (c.kind()) {
                case "transform" -> transform(c, event.deepCopy()).ifPresent(out -> forward(c.id(), out));
                case "sink" -> sink(c, event);
                default -> {
                }
            }
        }
    }

    private Optional<JsonNode> transform(StandinConfig.Component c, JsonNode event) {
        if (!c.type().equals("remap")) {
            warnOnce(c.id(), "The stand-in cannot emulate transform type `" + c.type() + "`; passing events through unchanged. component_id="
                    + c.id());
            return Optional.of(event);
        }
        Optional<Remap> remap = remaps.computeIfAbsent(c.id(), k -> Remap.parse(c.options().path("source").asText("")));
        if (remap.isEmpty()) {
            warnOnce(c.id(), "The stand-in cannot emulate this VRL program (only `.a = \"literal\"`, `.a = .b` and `del(.a)`);"
                    + " passing events through unchanged. component_id=" + c.id());
            return Optional.of(event);
        }
        remap.get().apply((ObjectNode) event);
        return Optional.of(event);
    }

    private void sink(StandinConfig.Component c, JsonNode event) {
        if (!c.type().equals("file")) {
            warnOnce(c.id(), "The stand-in writes events only to `file` sinks; dropping what reaches sink type `" + c.type() + "`. component_id="
                    + c.id());
            return;
        }
        Path path = Path.of(c.options().path("path").asText("standin-out.log"));
        try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(StandinConfig.JSON.writeValueAsString(event));
            out.write('\n');
        } catch (IOException e) {
            log("ERROR", "vector::sinks::file", "Failed to write. component_id=" + c.id() + " error=" + e.getMessage());
        }
    }

    private void warnOnce(String id, String message) {
        if (warned.add(id)) {
            log("WARN", "vector::standin", message);
        }
    }

    private void log(String level, String target, String message) {
        log.printf("%s %5s %s: %s%n", Instant.now(), level, target, message);
    }

    /**
     * The VRL the stand-in runs, one statement a line (or separated by {@code ;}): {@code .a.b = "literal"} (also numbers,
     * {@code true}, {@code false}, {@code null}), {@code .a = .b} and {@code del(.a)}; {@code #} comments and blank lines.
     */
    record Remap(List<Statement> statements) {

        private static final String PATH = "\\.[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*";

        sealed interface Statement permits Assign, Copy, Delete {
        }

        record Assign(List<String> path, JsonNode value) implements Statement {
        }

        record Copy(List<String> path, List<String> from) implements Statement {
        }

        record Delete(List<String> path) implements Statement {
        }

        /** The program, or empty when a statement is outside the subset. */
        static Optional<Remap> parse(String program) {
            List<Statement> statements = new ArrayList<>();
            for (String raw : program.split("[\\n;]")) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                Optional<Statement> statement = statement(line);
                if (statement.isEmpty()) {
                    return Optional.empty();
                }
                statements.add(statement.get());
            }
            return Optional.of(new Remap(statements));
        }

        private static Optional<Statement> statement(String line) {
            if (line.matches("del\\(\\s*" + PATH + "\\s*\\)")) {
                return Optional.of(new Delete(path(line.substring(4, line.length() - 1).strip())));
            }
            int eq = line.indexOf('=');
            if (eq < 0 || !line.substring(0, eq).strip().matches(PATH) || line.startsWith("==", eq)) {
                return Optional.empty();
            }
            List<String> target = path(line.substring(0, eq).strip());
            String value = line.substring(eq + 1).strip();
            if (value.matches(PATH)) {
                return Optional.of(new Copy(target, path(value)));
            }
            if (value.matches("\"([^\"\\\\]|\\\\.)*\"") || value.matches("-?[0-9]+(\\.[0-9]+)?") || value.equals("true") || value.equals("false")
                    || value.equals("null")) {
                try {
                    return Optional.of(new Assign(target, StandinConfig.JSON.readTree(value)));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }

        private static List<String> path(String text) {
            return List.of(text.substring(1).split("\\."));
        }

        void apply(ObjectNode event) {
            for (Statement s : statements) {
                switch (s) {
                    case Assign a -> set(event, a.path(), a.value().deepCopy());
                    case Copy c -> set(event, c.path(), get(event, c.from()).<JsonNode>map(JsonNode::deepCopy).orElse(JsonNodeFactory.instance.nullNode()));
                    case Delete d -> parent(event, d.path(), false).ifPresent(p -> p.remove(d.path().getLast()));
                }
            }
        }

        private static Optional<JsonNode> get(ObjectNode event, List<String> path) {
            JsonNode node = event;
            for (String segment : path) {
                node = node.get(segment);
                if (node == null) {
                    return Optional.empty();
                }
            }
            return Optional.of(node);
        }

        private static void set(ObjectNode event, List<String> path, JsonNode value) {
            parent(event, path, true).ifPresent(p -> p.set(path.getLast(), value));
        }

        private static Optional<ObjectNode> parent(ObjectNode event, List<String> path, boolean create) {
            ObjectNode node = event;
            for (String segment : path.subList(0, path.size() - 1)) {
                JsonNode next = node.get(segment);
                if (next instanceof ObjectNode object) {
                    node = object;
                } else if (create) {
                    node = node.putObject(segment);
                } else {
                    return Optional.empty();
                }
            }
            return Optional.of(node);
        }
    }
}
