package dev.vectorflow.core.pipeline;

import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a pipeline graph into a neutral Vector config tree: global options, then {@code sources},
 * {@code transforms} and {@code sinks}, each keyed by component key; every component with its
 * {@code type}, its {@code inputs} from the edges ({@code key} or {@code key.output}) and its options.
 * Deterministic: components and options in sorted order, nulls and empty objects left out, so the
 * same graph always gives the same tree (and the same text). Disabled components and their edges
 * are left out; secret references are written in Vector's syntax.
 */
public final class ConfigRenderer {

    public Map<String, Object> render(PipelineGraph graph) {
        Map<String, PipelineComponent> active = new TreeMap<>();
        for (PipelineComponent c : graph.components()) {
            if (!c.disabled()) {
                active.putIfAbsent(c.key().value(), c);
            }
        }
        Map<String, List<String>> inputs = new HashMap<>();
        for (Edge e : graph.edges()) {
            if (active.containsKey(e.from().value()) && active.containsKey(e.to().value())) {
                inputs.computeIfAbsent(e.to().value(), k -> new ArrayList<>()).add(e.input());
            }
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        Object globals = clean(graph.globalOptions());
        if (globals instanceof Map<?, ?> g) {
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
                Object options = clean(c.options());
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
        return tree;
    }

    /** Sorted maps, no nulls, no empty objects; strings with secret references in Vector's syntax. Null when nothing is left. */
    private static Object clean(Object value) {
        return switch (value) {
            case null -> null;
            case Map<?, ?> map -> {
                Map<String, Object> sorted = new TreeMap<>();
                map.forEach((k, v) -> {
                    Object cleaned = clean(v);
                    if (cleaned != null) {
                        sorted.put(String.valueOf(k), cleaned);
                    }
                });
                yield sorted.isEmpty() ? null : new LinkedHashMap<>(sorted);
            }
            case List<?> list -> {
                List<Object> items = new ArrayList<>(list.size());
                for (Object item : list) {
                    Object cleaned = clean(item);
                    if (cleaned != null) {
                        items.add(cleaned);
                    }
                }
                yield items;
            }
            case String s -> SecretReferences.toConfig(s);
            case Integer i -> i.longValue();
            default -> value;
        };
    }
}
