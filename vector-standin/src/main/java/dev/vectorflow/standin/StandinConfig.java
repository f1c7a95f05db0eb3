package dev.vectorflow.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads, merges and checks Vector config files the way Vector 0.57 does as far as the agent can tell: several
 * files merged, duplicate ids refused, unknown component types (Vector's own catalog) and dangling inputs refused,
 * remap programs calling functions VRL does not have refused ({@link StandinVrl}),
 * {@code SECRET[backend.key]} resolved through {@code exec} backends when running, environment variables substituted
 * only with the interpolation flag, Vector's unit {@code tests} kept for {@code vector test}.
 */
final class StandinConfig {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECRET = Pattern.compile("SECRET\\[([A-Za-z0-9_]+)\\.([A-Za-z0-9_.\\-/]+)]");
    private static final List<String> KINDS = List.of("sources", "transforms", "sinks");
    /** Top-level keys that are not global options: components and the sections Vector may change on reload. */
    private static final Set<String> NOT_GLOBAL = Set.of("sources", "transforms", "sinks", "enrichment_tables", "secret", "api", "healthchecks");
    static final String FAULT_TYPE = "standin_fault";

    private static final Catalog CATALOG = Catalog.bundled();

    private StandinConfig() {
    }

    /** One component of the merged config. */
    record Component(String id, String kind, String type, List<String> inputs, JsonNode options) {
    }

    /** The merged config, or why it could not be read ({@code loadErrors}) or built ({@code problems}). */
    record Loaded(List<String> loadErrors, List<String> problems, List<String> warnings,
                  Map<String, Component> components, Map<String, JsonNode> globals, JsonNode api, List<JsonNode> tests) {

        boolean ok() {
            return loadErrors.isEmpty() && problems.isEmpty();
        }

        String firstError() {
            return !loadErrors.isEmpty() ? loadErrors.getFirst() : problems.isEmpty() ? "" : problems.getFirst();
        }

        String apiAddress() {
            if (api == null || !api.path("enabled").asBoolean(false)) {
                return null;
            }
            return api.path("address").asText("127.0.0.1:8686");
        }

        List<String> exporterAddresses() {
            return components.values().stream().filter(c -> c.type().equals("prometheus_exporter"))
                    .map(c -> c.options().path("address").asText("0.0.0.0:9598")).toList();
        }

        /** The first value of a fault option, from a {@code standin_fault} source. */
        JsonNode fault(String option) {
            return components.values().stream().filter(c -> c.type().equals(FAULT_TYPE))
                    .map(c -> c.options().get(option)).filter(Objects::nonNull).findFirst().orElse(null);
        }
    }

    static Loaded load(List<Path> paths, Map<String, String> env, boolean resolveSecrets) {
        return load(paths, env, resolveSecrets, false);
    }

    /**
     * Reads and merges the files; with {@code interpolate} (Vector's {@code --dangerously-allow-env-var-interpolation})
     * environment variables are substituted in the text first, as Vector 0.57 does only then.
     */
    static Loaded load(List<Path> paths, Map<String, String> env, boolean resolveSecrets, boolean interpolate) {
        List<String> loadErrors = new ArrayList<>();
        Map<Path, String> texts = new LinkedHashMap<>();
        for (Path p : paths) {
            if (!p.getFileName().toString().matches(".*\\.(ya?ml|json)$")) {
                loadErrors.add("The stand-in reads YAML and JSON only, not \"" + p + "\"");
                continue;
            }
            try {
                texts.put(p, Files.readString(p, StandardCharsets.UTF_8));
            } catch (IOException e) {
                loadErrors.add("Could not read file \"" + p + "\": " + e.getMessage());
            }
        }
        if (!loadErrors.isEmpty()) {
            return failed(loadErrors);
        }
        if (interpolate) {
            texts.replaceAll((p, text) -> StandinEnvironment.interpolate(text, env, loadErrors));
            if (!loadErrors.isEmpty()) {
                return failed(loadErrors);
            }
        }
        Map<Path, JsonNode> trees = parseAll(texts, loadErrors);
        if (!loadErrors.isEmpty()) {
            return failed(loadErrors);
        }
        if (resolveSecrets) {
            Map<String, JsonNode> backends = new LinkedHashMap<>();
            trees.values().forEach(t -> t.path("secret").properties().forEach(e -> backends.put(e.getKey(), e.getValue())));
            Map<String, String> resolved = resolveSecrets(texts.values(), backends, loadErrors);
            if (!loadErrors.isEmpty()) {
                return failed(loadErrors);
            }
            texts.replaceAll((p, text) -> substitute(text, resolved));
            trees = parseAll(texts, loadErrors);
            if (!loadErrors.isEmpty()) {
                return failed(loadErrors);
            }
        }
        return build(trees);
    }

    private static Loaded failed(List<String> loadErrors) {
        return new Loaded(loadErrors, List.of(), List.of(), Map.of(), Map.of(), null, List.of());
    }

    private static Map<Path, JsonNode> parseAll(Map<Path, String> texts, List<String> loadErrors) {
        Map<Path, JsonNode> trees = new LinkedHashMap<>();
        texts.forEach((p, text) -> {
            try {
                JsonNode tree = YAML.readTree(text);
                if (tree == null || tree.isMissingNode() || tree.isNull()) {
                    tree = YAML.createObjectNode();
                }
                if (!tree.isObject()) {
                    loadErrors.add("Failed to parse \"" + p + "\": invalid type: expected a map at the top level");
                } else {
                    trees.put(p, tree);
                }
            } catch (IOException e) {
                loadErrors.add("Failed to parse \"" + p + "\": " + (e instanceof com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage() : e.getMessage()));
            }
        });
        return trees;
    }

    private static Loaded build(Map<Path, JsonNode> trees) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Component> components = new LinkedHashMap<>();
        Map<String, JsonNode> globals = new TreeMap<>();
        JsonNode api = null;
        List<JsonNode> tests = new ArrayList<>();
        for (JsonNode tree : trees.values()) {
            for (Map.Entry<String, JsonNode> top : tree.properties()) {
                String key = top.getKey();
                if (key.equals("tests")) {
                    top.getValue().forEach(tests::add);
                } else if (KINDS.contains(key)) {
                    String kind = key.substring(0, key.length() - 1);
                    for (Map.Entry<String, JsonNode> c : top.getValue().properties()) {
                        addComponent(kind, c.getKey(), c.getValue(), components, problems);
                    }
                } else if (!CATALOG.globalOptions().contains(key)) {
                    problems.add("unknown field `" + key + "`");
                } else if (key.equals("api")) {
                    if (api != null && !api.equals(top.getValue())) {
                        problems.add("conflicting values for 'api' found");
                    }
                    api = top.getValue();
                } else if (!NOT_GLOBAL.contains(key)) {
                    JsonNode before = globals.putIfAbsent(key, top.getValue());
                    if (before != null && !before.equals(top.getValue())) {
                        problems.add("conflicting values for '" + key + "' found");
                    }
                }
            }
        }
        if (components.values().stream().noneMatch(c -> c.kind().equals("source"))) {
            problems.add("No sources defined in the config.");
        }
        if (components.values().stream().noneMatch(c -> c.kind().equals("sink"))) {
            problems.add("No sinks defined in the config.");
        }
        Set<String> consumed = new HashSet<>();
        for (Component c : components.values()) {
            for (String input : c.inputs()) {
                Set<String> matched = matches(input, components.keySet());
                if (matched.isEmpty()) {
                    problems.add("Input \"" + input + "\" for " + c.kind() + " \"" + c.id() + "\" doesn't match any components.");
                }
                consumed.addAll(matched);
            }
        }
        for (Component c : components.values()) {
            if (!c.kind().equals("sink") && !consumed.contains(c.id())) {
                warnings.add(capitalize(c.kind()) + " \"" + c.id() + "\" has no consumers");
            }
        }
        JsonNode dataDir = globals.get("data_dir");
        if (dataDir != null && !Files.isDirectory(Path.of(dataDir.asText()))) {
            problems.add("data_dir \"" + dataDir.asText() + "\" does not exist");
        }
        return new Loaded(List.of(), problems, warnings, components, globals, api, List.copyOf(tests));
    }

    private static void addComponent(String kind, String id, JsonNode body, Map<String, Component> components, List<String> problems) {
        if (id.contains(".")) {
            problems.add("Component name \"" + id + "\" should not contain a \".\"");
            return;
        }
        Component earlier = components.get(id);
        if (earlier != null) {
            problems.add("More than one component with name \"" + id + "\" (" + earlier.kind() + ", " + kind + ").");
            return;
        }
        String type = body.path("type").asText("");
        if (type.isEmpty()) {
            problems.add(capitalize(kind) + " \"" + id + "\": missing field `type`");
            return;
        }
        boolean known = CATALOG.knows(kind, type) || (kind.equals("source") && type.equals(FAULT_TYPE));
        if (!known) {
            problems.add(capitalize(kind) + " \"" + id + "\": unknown " + kind + " type `" + type + "`");
            return;
        }
        List<String> inputs = new ArrayList<>();
        body.path("inputs").forEach(i -> inputs.add(i.asText()));
        if (kind.equals("source") && body.has("inputs")) {
            problems.add("Source \"" + id + "\": unknown field `inputs`");
        }
        if (!kind.equals("source") && inputs.isEmpty()) {
            problems.add(capitalize(kind) + " \"" + id + "\" has no inputs");
        }
        if (type.equals("remap") && !(body.has("source") || body.has("file") || body.has("files"))) {
            problems.add("Transform \"" + id + "\": must provide exactly one of `source` or `file` configuration");
        }
        if (type.equals("remap") && body.path("source").isTextual()) {
            StandinVrl.errors(body.path("source").asText()).forEach(e -> problems.add("Transform \"" + id + "\": " + e));
        }
        components.put(id, new Component(id, kind, type, List.copyOf(inputs), body));
    }

    /** The component ids an input names: {@code id}, {@code id.output} or a glob ({@code *} also matches {@code .}). */
    static Set<String> matches(String input, Set<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        if (input.contains("*")) {
            Pattern glob = Pattern.compile(Pattern.quote(input).replace("*", "\\E.*\\Q"));
            ids.stream().filter(id -> glob.matcher(id).matches()).forEach(out::add);
            return out;
        }
        String id = input.contains(".") ? input.substring(0, input.indexOf('.')) : input;
        if (ids.contains(id)) {
            out.add(id);
        }
        return out;
    }

    /** The global options that differ between two configs (Vector refuses to reload those). */
    static Set<String> changedGlobals(Loaded before, Loaded after) {
        Set<String> keys = new TreeSet<>(before.globals().keySet());
        keys.addAll(after.globals().keySet());
        keys.removeIf(k -> Objects.equals(before.globals().get(k), after.globals().get(k)));
        return keys;
    }

    private static Map<String, String> resolveSecrets(Iterable<String> texts, Map<String, JsonNode> backends, List<String> errors) {
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        for (String text : texts) {
            Matcher m = SECRET.matcher(text);
            while (m.find()) {
                wanted.computeIfAbsent(m.group(1), b -> new LinkedHashSet<>()).add(m.group(2));
            }
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        wanted.forEach((backend, keys) -> {
            JsonNode config = backends.get(backend);
            if (config == null) {
                errors.add("Secret backend \"" + backend + "\" is not configured");
                return;
            }
            if (!config.path("type").asText().equals("exec")) {
                errors.add("Secret backend \"" + backend + "\": the stand-in supports type `exec` only");
                return;
            }
            try {
                Map<String, String> values = ExecSecretBackend.fetch(config, keys);
                values.forEach((k, v) -> resolved.put(backend + "." + k, v));
            } catch (ExecSecretBackend.SecretFailure e) {
                errors.add("Error while retrieving secret from backend \"" + backend + "\": " + e.getMessage());
            }
        });
        return resolved;
    }

    private static String substitute(String text, Map<String, String> resolved) {
        Matcher m = SECRET.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = resolved.get(m.group(1) + "." + m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The component types and global options of Vector's own catalog (components.json, MPL-2.0). */
    record Catalog(Set<String> types, Set<String> globalOptions) {

        static Catalog bundled() {
            try (InputStream in = StandinConfig.class.getResourceAsStream("components.json")) {
                if (in == null) {
                    throw new IllegalStateException("components.json is missing from the stand-in jar");
                }
                JsonNode root = JSON.readTree(in);
                Set<String> types = new HashSet<>();
                root.path("components").forEach(c -> types.add(c.path("kind").asText() + ":" + c.path("type").asText()));
                Set<String> globals = new HashSet<>();
                root.path("global_options").forEach(g -> globals.add(g.path("name").asText()));
                return new Catalog(types, globals);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean knows(String kind, String type) {
            return types.contains(kind + ":" + type);
        }
    }
}
