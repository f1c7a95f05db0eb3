package dev.vectorflow.core.pipeline.diff;

import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.Edge;
import dev.vectorflow.core.pipeline.PipelineComponent;
import dev.vectorflow.core.pipeline.PipelineGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The component-level difference between two versions of a pipeline: components added, removed
 * and changed, edges added and removed, and changes to the global options.
 *
 * <p>The order is always the same: components by key, option changes by path, edges by their
 * text {@code from[.output] -> to}.
 */
public record GraphDiff(List<ComponentSummary> componentsAdded, List<ComponentSummary> componentsRemoved,
                        List<ComponentChange> componentsChanged, List<Edge> edgesAdded, List<Edge> edgesRemoved,
                        List<OptionChange> globalOptions) {

    private static final Comparator<Edge> BY_TEXT = Comparator.comparing(GraphDiff::edgeText);

    /** Puts every list in its order; a component key listed twice, or an edge listed twice, is refused. */
    public GraphDiff {
        componentsAdded = sorted(componentsAdded, "componentsAdded", Comparator.comparing(ComponentSummary::key));
        componentsRemoved = sorted(componentsRemoved, "componentsRemoved", Comparator.comparing(ComponentSummary::key));
        componentsChanged = sorted(componentsChanged, "componentsChanged", Comparator.comparing(ComponentChange::key));
        edgesAdded = sorted(edgesAdded, "edgesAdded", BY_TEXT);
        edgesRemoved = sorted(edgesRemoved, "edgesRemoved", BY_TEXT);
        globalOptions = ComponentChange.inPathOrder(Objects.requireNonNull(globalOptions, "globalOptions"), "globalOptions");
        Set<ComponentKey> keys = new HashSet<>();
        for (ComponentKey key : concat(componentsAdded.stream().map(ComponentSummary::key).toList(),
                componentsRemoved.stream().map(ComponentSummary::key).toList(),
                componentsChanged.stream().map(ComponentChange::key).toList())) {
            if (!keys.add(key)) {
                throw new IllegalArgumentException("component '" + key + "' must be listed once but is listed twice");
            }
        }
        Set<Edge> edges = new HashSet<>();
        for (Edge edge : concat(edgesAdded, edgesRemoved)) {
            if (!edges.add(edge)) {
                throw new IllegalArgumentException("edge '" + edgeText(edge) + "' must be listed once but is listed twice");
            }
        }
    }

    /**
     * What changed from one version of a pipeline to the next. A graph holding two components with
     * one key (which the validator refuses) is compared by the first of them, as
     * {@link PipelineGraph#component} finds it; edges are compared as sets of (from, output, to).
     */
    public static GraphDiff between(PipelineGraph from, PipelineGraph to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Map<ComponentKey, PipelineComponent> before = byKey(from.components());
        Map<ComponentKey, PipelineComponent> after = byKey(to.components());
        List<ComponentSummary> added = new ArrayList<>();
        List<ComponentSummary> removed = new ArrayList<>();
        List<ComponentChange> changed = new ArrayList<>();
        before.forEach((key, old) -> {
            PipelineComponent current = after.get(key);
            if (current == null) {
                removed.add(ComponentSummary.of(old));
            } else {
                ComponentChange.between(old, current).ifPresent(changed::add);
            }
        });
        after.forEach((key, current) -> {
            if (!before.containsKey(key)) {
                added.add(ComponentSummary.of(current));
            }
        });
        Set<Edge> edgesBefore = new LinkedHashSet<>(from.edges());
        Set<Edge> edgesAfter = new LinkedHashSet<>(to.edges());
        List<Edge> edgesAdded = edgesAfter.stream().filter(e -> !edgesBefore.contains(e)).toList();
        List<Edge> edgesRemoved = edgesBefore.stream().filter(e -> !edgesAfter.contains(e)).toList();
        return new GraphDiff(added, removed, changed, edgesAdded, edgesRemoved,
                OptionChange.between(from.globalOptions(), to.globalOptions()));
    }

    /** Whether the two versions are the same pipeline (positions aside). */
    public boolean isEmpty() {
        return componentsAdded.isEmpty() && componentsRemoved.isEmpty() && componentsChanged.isEmpty() && edgesAdded.isEmpty()
                && edgesRemoved.isEmpty() && globalOptions.isEmpty();
    }

    private static String edgeText(Edge edge) {
        return edge.input() + " -> " + edge.to().value();
    }

    private static Map<ComponentKey, PipelineComponent> byKey(List<PipelineComponent> components) {
        Map<ComponentKey, PipelineComponent> byKey = new LinkedHashMap<>();
        components.forEach(c -> byKey.putIfAbsent(c.key(), c));
        return byKey;
    }

    private static <T> List<T> sorted(List<T> items, String field, Comparator<T> order) {
        List<T> copy = new ArrayList<>(Objects.requireNonNull(items, field));
        copy.forEach(item -> Objects.requireNonNull(item, field));
        copy.sort(order);
        return List.copyOf(copy);
    }

    @SafeVarargs
    private static <T> List<T> concat(List<? extends T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<? extends T> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
