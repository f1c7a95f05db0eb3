package dev.vectorflow.core.pipeline;

import dev.vectorflow.core.pipeline.catalog.Catalog;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.core.pipeline.catalog.OptionSpec;
import dev.vectorflow.core.pipeline.catalog.ValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.HashSet;

/**
 * Turns a pipeline graph into a neutral Vector config tree: global options, then {@code sources}, {@code transforms}
 * and {@code sinks}, each keyed by component key, then Vector's unit {@code tests}; every component with its {@code
 * type}, its {@code inputs} from the edges ({@code key} or {@code key.output}) and its options.
 * The details are in docs/architecture.md, "Notes on the code".
 */
public final class ConfigRenderer {

    /** Vector's unit tests: a top-level key of a config, kept with the pipeline among its global options. */
    public static final String TESTS = "tests";
    /** The top-level key of secret backends. */
    public static final String SECRET_BACKENDS = "secret";

    private final Optional<Catalog> catalog;

    /** A renderer that writes every string as a string. */
    public ConfigRenderer() {
        this.catalog = Optional.empty();
    }

    /** A renderer that knows the option types, for environment variables in numbers and flags. */
    public ConfigRenderer(Catalog catalog) {
        this.catalog = Optional.of(catalog);
    }

    public Map<String, Object> render(PipelineGraph graph) {
        Map<String, PipelineComponent> active = new TreeMap<>();
        Set<String> disabled = new HashSet<>();
        for (PipelineComponent c : graph.components()) {
            if (c.disabled()) {
                disabled.add(c.key().value());
            } else {
                active.putIfAbsent(c.key().value(), c);
            }
        }
        Map<String, List<String>> inputs = new HashMap<>();
        for (Edge e : graph.edges()) {
            if (active.containsKey(e.to().value()) && !disabled.contains(e.from().value())) {
                inputs.computeIfAbsent(e.to().value(), k -> new ArrayList<>()).add(e.input());
            }
        }
        Set<String> backends = SecretReferences.backendsOf(graph);
        Map<String, Object> tree = new LinkedHashMap<>();
        Map<String, Object> globals = new LinkedHashMap<>(graph.globalOptions());
        Object tests = globals.remove(TESTS);
        Object cleanGlobals = clean(globals, backends);
        if (cleanGlobals instanceof Map<?, ?> g) {
            g.forEach((k, v) -> tree.put(String.valueOf(k), v));
        }
        for (ComponentKind kind : ComponentKind.values()) {
            Map<String, Object> section = new LinkedHashMap<>();
            for (PipelineComponent c : active.values()) {
                if (c.kind() != kind) {
                    continue;
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", c.type());
                List<String> in = inputs.getOrDefault(c.key().value(), List.of()).stream().distinct().sorted(Comparator.naturalOrder()).toList();
                if (kind != ComponentKind.SOURCE) {
                    body.put("inputs", in);
                }
                Object options = clean(withEnvironmentReferences(c), backends);
                if (options instanceof Map<?, ?> o) {
                    o.forEach((k, v) -> {
                        if (!k.equals("type") && !k.equals("inputs")) {
                            body.put(String.valueOf(k), v);
                        }
                    });
                }
                section.put(c.key().value(), body);
            }
            if (!section.isEmpty()) {
                tree.put(kind.section(), section);
            }
        }
        Object cleanTests = clean(tests, backends);
        if (cleanTests instanceof List<?> list && !list.isEmpty()) {
            tree.put(TESTS, cleanTests);
        }
        return tree;
    }

    /** The options of a component with whole environment references in non-text options marked (needs the catalog). */
    private Map<String, Object> withEnvironmentReferences(PipelineComponent c) {
        if (catalog.isEmpty()) {
            return c.options();
        }
        Optional<List<OptionSpec>> specs = catalog.get().find(c.kind(), c.type()).map(spec -> {
            List<OptionSpec> all = new ArrayList<>(spec.options());
            all.addAll(catalog.get().commonOptions(c.kind()));
            return all;
        });
        if (specs.isEmpty()) {
            return c.options();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> marked = (Map<String, Object>) markReferences(c.options(), specs.get());
        return marked;
    }

    private static Object markReferences(Object value, List<OptionSpec> specs) {
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            String key = String.valueOf(k);
            Optional<OptionSpec> spec = OptionSpec.find(specs, key);
            copy.put(key, spec.map(s -> mark(v, s)).orElse(v));
        });
        return copy;
    }

    private static Object mark(Object value, OptionSpec spec) {
        return switch (value) {
            case String s when EnvironmentVariables.wholeReference(s).isPresent() && !plainText(spec) -> new EnvironmentReference(s);
            case Map<?, ?> m -> markReferences(m, spec.options());
            case List<?> l when spec.items().isPresent() -> l.stream().map(item -> mark(item, spec.items().get())).toList();
            case null, default -> value;
        };
    }

    private static boolean plainText(OptionSpec spec) {
        return spec.types().contains(ValueType.STRING) && spec.enumValues().isEmpty() && !spec.sensitive();
    }

    /** Sorted maps, no nulls, no empty objects; strings with secret references in Vector's syntax. Null when nothing is left. */
    private static Object clean(Object value, Set<String> backends) {
        return switch (value) {
            case null -> null;
            case Map<?, ?> map -> {
                Map<String, Object> sorted = new TreeMap<>();
                map.forEach((k, v) -> {
                    Object cleaned = clean(v, backends);
                    if (cleaned != null) {
                        sorted.put(String.valueOf(k), cleaned);
                    }
                });
                yield sorted.isEmpty() ? null : new LinkedHashMap<>(sorted);
            }
            case List<?> list -> {
                List<Object> items = new ArrayList<>(list.size());
                for (Object item : list) {
                    Object cleaned = clean(item, backends);
                    if (cleaned != null) {
                        items.add(cleaned);
                    }
                }
                yield items;
            }
            case String s -> SecretReferences.toConfig(s, backends);
            case Integer i -> i.longValue();
            default -> value;
        };
    }
}
