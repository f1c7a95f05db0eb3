package dev.vectorflow.core.pipeline;

import dev.vectorflow.core.pipeline.catalog.Catalog;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.core.pipeline.catalog.ComponentSpec;
import dev.vectorflow.core.pipeline.catalog.OptionSpec;
import dev.vectorflow.core.validation.InvalidValueException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns a parsed Vector config (the neutral tree a codec read) into a pipeline graph: components from {@code
 * sources}/{@code transforms}/{@code sinks}, edges from {@code inputs} (including {@code id.output}, and globs with
 * {@code *}, {@code ?} and {@code [...]} expanded as Vector expands them), known global options, the pipeline's own
 * secret backends ({@code secret}) and Vector's unit {@code tests} kept.
 * The details are in docs/architecture.md, "Notes on the code".
 */
public final class GraphImporter {

    /** A literal secret found in the file: to be stored as a secret named {@code secretName}. Never printed. */
    public record MovedSecret(ComponentKey component, String optionPath, String secretName, String value) {
        @Override
        public String toString() {
            return "MovedSecret[" + component + " " + optionPath + " -> SECRET[" + secretName + "]]";
        }
    }

    /** The imported graph, the problems met (errors mean nothing should be stored) and the secrets taken out. */
    public record ImportResult(PipelineGraph graph, List<Problem> problems, List<MovedSecret> movedSecrets) {
        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }
    }

    private static final double COLUMN_WIDTH = 320;
    private static final double ROW_HEIGHT = 140;

    private final Catalog catalog;

    public GraphImporter(Catalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public ImportResult importConfig(Map<String, Object> tree) {
        List<Problem> problems = new ArrayList<>();
        List<MovedSecret> moved = new ArrayList<>();
        Set<String> secretNames = new HashSet<>();
        List<PipelineComponent> components = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        List<GlobInput> globInputs = new ArrayList<>();
        Map<String, Object> globals = new LinkedHashMap<>();
        Set<String> globalNames = new HashSet<>();
        catalog.globalOptions().forEach(o -> globalNames.add(o.name()));

        for (Map.Entry<String, Object> top : tree.entrySet()) {
            String name = top.getKey();
            Optional<ComponentKind> kind = kindOfSection(name);
            if (kind.isPresent()) {
                if (!(top.getValue() instanceof Map<?, ?> section)) {
                    problems.add(Problem.error(null, name, "'" + name + "' must be a table of components"));
                    continue;
                }
                int row = 0;
                for (Map.Entry<?, ?> entry : section.entrySet()) {
                    importComponent(kind.get(), String.valueOf(entry.getKey()), entry.getValue(), row++, components, edges, globInputs,
                            problems, moved, secretNames);
                }
            } else if (name.equals(ConfigRenderer.SECRET_BACKENDS)) {
                if (top.getValue() instanceof Map<?, ?> backends && backends.containsKey(SecretReferences.BACKEND)) {
                    problems.add(Problem.error(null, name + "." + SecretReferences.BACKEND, "the secret backend '" + SecretReferences.BACKEND
                            + "' is the one VectorFlow's agent provides (SECRET[" + SecretReferences.BACKEND + ".name] reads a secret of the"
                            + " environment); rename this backend and its references"));
                } else {
                    globals.put(name, top.getValue());
                }
            } else if (name.equals(ConfigRenderer.TESTS)) {
                if (top.getValue() instanceof List<?>) {
                    globals.put(name, top.getValue());
                } else {
                    problems.add(Problem.error(null, name, "'tests' must be a list of unit tests"));
                }
            } else if (globalNames.contains(name)) {
                globals.put(name, top.getValue());
            } else {
                problems.add(Problem.error(null, name, "'" + name + "' is not a top-level key of a Vector " + catalog.vectorVersion() + " config"));
            }
        }
        if (components.isEmpty()) {
            problems.add(Problem.error(null, "", "the file holds no sources, transforms or sinks"));
        }
        boolean relaxed = "relaxed".equals(globals.get("wildcard_matching"));
        List<Edge> resolved = resolveGlobs(edges, globInputs, components, relaxed, problems);
        return new ImportResult(new PipelineGraph(layOut(components, resolved), resolved, globals), problems, moved);
    }

    private static Optional<ComponentKind> kindOfSection(String name) {
        for (ComponentKind kind : ComponentKind.values()) {
            if (kind.section().equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** An input written as a glob ({@code app-*}), resolved once every component is known. */
    private record GlobInput(String pattern, ComponentKey to) {
    }

    private void importComponent(ComponentKind kind, String rawKey, Object rawBody, int row, List<PipelineComponent> components,
                                 List<Edge> edges, List<GlobInput> globInputs, List<Problem> problems, List<MovedSecret> moved,
                                 Set<String> secretNames) {
        ComponentKey key;
        try {
            key = new ComponentKey(rawKey);
        } catch (InvalidValueException e) {
            problems.add(Problem.error(null, kind.section() + "." + rawKey, "the component id " + e.problem()));
            return;
        }
        if (!(rawBody instanceof Map<?, ?> body)) {
            problems.add(Problem.error(key, "", "a " + kind.label() + " must be a table of options"));
            return;
        }
        if (!(body.get("type") instanceof String type)) {
            problems.add(Problem.error(key, "type", "every component needs a 'type'"));
            return;
        }
        Map<String, Object> options = new LinkedHashMap<>();
        body.forEach((k, v) -> {
            if (!k.equals("type") && !k.equals("inputs")) {
                options.put(String.valueOf(k), restoreSecretReferences(v));
            }
        });
        Object inputs = body.get("inputs");
        if (inputs != null) {
            List<?> list = inputs instanceof List<?> l ? l : List.of(inputs);
            for (Object input : list) {
                String text = String.valueOf(input);
                if (text.contains("*") || text.contains("?") || text.contains("[")) {
                    globInputs.add(new GlobInput(text, key));
                    continue;
                }
                try {
                    edges.add(Edge.of(text, key.value()));
                } catch (InvalidValueException e) {
                    problems.add(Problem.error(key, "inputs", "the input '" + text + "' is not a component id"));
                }
            }
        }
        catalog.find(kind, type).ifPresent(spec -> moveLiteralSecrets(key, "", options, specsOf(kind, spec), moved, secretNames));
        double x = kind.ordinal() * COLUMN_WIDTH;
        components.add(new PipelineComponent(key, kind, type, options, key.value(),
                Optional.of(new PipelineComponent.Position(x, row * ROW_HEIGHT)), false));
    }

    /**
     * Expands glob inputs as Vector does (its glob patterns: {@code *} any run of characters, dots
     * included, {@code ?} one character, {@code [abc]} / {@code [a-z]} / {@code [!abc]} one of a set)
     * against the ids of the other components and their named outputs. A pattern that matches nothing
     * is an error, a warning under {@code wildcard_matching: relaxed}.
     */
    private static List<Edge> resolveGlobs(List<Edge> edges, List<GlobInput> globs, List<PipelineComponent> components, boolean relaxed,
                                           List<Problem> problems) {
        List<Edge> all = new ArrayList<>(edges);
        for (GlobInput glob : globs) {
            Optional<Pattern> compiled = InputGlob.compile(glob.pattern());
            if (compiled.isEmpty()) {
                problems.add(Problem.error(glob.to(), "inputs", "the input pattern '" + glob.pattern() + "' is not a valid glob (an unclosed '[')"));
                continue;
            }
            Pattern pattern = compiled.get();
            int matched = 0;
            for (PipelineComponent c : components) {
                if (c.key().equals(glob.to()) || c.kind() == ComponentKind.SINK) {
                    continue;
                }
                List<String> candidates = new ArrayList<>();
                NamedOutputs.Outputs outputs = NamedOutputs.of(c);
                if (outputs.hasDefault()) {
                    candidates.add(c.key().value());
                }
                outputs.named().keySet().forEach(o -> candidates.add(c.key().value() + "." + o));
                for (String candidate : candidates) {
                    if (pattern.matcher(candidate).matches()) {
                        all.add(Edge.of(candidate, glob.to().value()));
                        matched++;
                    }
                }
            }
            if (matched == 0) {
                String message = "the input pattern '" + glob.pattern() + "' matches no component";
                problems.add(relaxed ? Problem.warning(glob.to(), "inputs", message) : Problem.error(glob.to(), "inputs", message));
            }
        }
        return all;
    }

    /**
     * Positions left to right by depth (longest path from a source), top to bottom by the average row of each
     * component's inputs, then by key: from the graph alone, so the same graph always gets the same layout.
     */
    private static List<PipelineComponent> layOut(List<PipelineComponent> components, List<Edge> edges) {
        Map<ComponentKey, Integer> depth = new TreeMap<>(Comparator.comparing(ComponentKey::value));
        components.forEach(c -> depth.put(c.key(), 0));
        // relax edges |V| times at most: longest paths in a DAG; a cycle simply stops growing at the bound
        for (int round = 0; round < components.size(); round++) {
            boolean changed = false;
            for (Edge e : edges) {
                Integer from = depth.get(e.from());
                Integer to = depth.get(e.to());
                if (from != null && to != null && to < from + 1 && from + 1 <= components.size()) {
                    depth.put(e.to(), from + 1);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        Map<ComponentKey, List<ComponentKey>> inputsOf = new HashMap<>();
        for (Edge e : edges) {
            inputsOf.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from());
        }
        TreeMap<Integer, List<ComponentKey>> columns = new TreeMap<>();
        depth.forEach((key, column) -> columns.computeIfAbsent(column, c -> new ArrayList<>()).add(key));
        Map<ComponentKey, Integer> rowOf = new HashMap<>();
        for (List<ComponentKey> column : columns.values()) {
            Map<ComponentKey, Double> weight = new HashMap<>();
            for (ComponentKey key : column) {
                double[] rows = inputsOf.getOrDefault(key, List.of()).stream().filter(rowOf::containsKey).mapToDouble(rowOf::get).toArray();
                weight.put(key, rows.length == 0 ? -1 : Arrays.stream(rows).average().orElse(-1));
            }
            column.sort(Comparator.comparing((ComponentKey k) -> weight.get(k)).thenComparing(ComponentKey::value));
            for (int row = 0; row < column.size(); row++) {
                rowOf.put(column.get(row), row);
            }
        }
        List<PipelineComponent> placed = new ArrayList<>();
        for (PipelineComponent c : components) {
            placed.add(new PipelineComponent(c.key(), c.kind(), c.type(), c.options(), c.displayName(),
                    Optional.of(new PipelineComponent.Position(depth.get(c.key()) * COLUMN_WIDTH, rowOf.get(c.key()) * ROW_HEIGHT)), c.disabled()));
        }
        return placed;
    }

    private List<OptionSpec> specsOf(ComponentKind kind, ComponentSpec spec) {
        List<OptionSpec> specs = new ArrayList<>(spec.options());
        specs.addAll(catalog.commonOptions(kind));
        return specs;
    }

    @SuppressWarnings("unchecked")
    private static void moveLiteralSecrets(ComponentKey component, String path, Map<String, Object> options, List<OptionSpec> specs,
                                           List<MovedSecret> moved, Set<String> secretNames) {
        for (Map.Entry<String, Object> entry : options.entrySet()) {
            Optional<OptionSpec> spec = OptionSpec.find(specs, entry.getKey());
            if (spec.isEmpty()) {
                continue;
            }
            String childPath = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
            Object value = entry.getValue();
            if (spec.get().sensitive() && value instanceof String literal && !OptionChecker.SECRET_REFERENCE.matcher(literal).matches()
                    && EnvironmentVariables.wholeReference(literal).isEmpty()) {
                String name = uniqueName(component.value() + "_" + childPath.replace('.', '_'), secretNames);
                moved.add(new MovedSecret(component, childPath, name, literal));
                entry.setValue("SECRET[" + name + "]");
            } else if (value instanceof Map<?, ?> nested && !spec.get().options().isEmpty()) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) nested);
                moveLiteralSecrets(component, childPath, copy, spec.get().options(), moved, secretNames);
                entry.setValue(copy);
            }
        }
    }

    private static String uniqueName(String base, Set<String> taken) {
        String cleaned = base.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (cleaned.length() > 90) {
            cleaned = cleaned.substring(0, 90);
        }
        String name = cleaned;
        for (int i = 2; !taken.add(name); i++) {
            name = cleaned + "_" + i;
        }
        return name;
    }

    private static Object restoreSecretReferences(Object value) {
        return switch (value) {
            case String s -> SecretReferences.toGraph(s);
            case Map<?, ?> m -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                m.forEach((k, v) -> copy.put(String.valueOf(k), restoreSecretReferences(v)));
                yield copy;
            }
            case List<?> l -> l.stream().map(GraphImporter::restoreSecretReferences).toList();
            case null -> null;
            default -> value;
        };
    }
}
