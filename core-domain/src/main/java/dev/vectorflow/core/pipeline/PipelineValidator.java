package dev.vectorflow.core.pipeline;

import dev.vectorflow.core.pipeline.catalog.Catalog;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.core.pipeline.catalog.ComponentSpec;
import dev.vectorflow.core.pipeline.catalog.EventType;
import dev.vectorflow.core.pipeline.catalog.OptionSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Validates a pipeline graph (components, edges, global options) against the catalog of a Vector release. Returns every
 * problem found (errors block publishing, warnings do not), never throws for a bad graph.
 * Disabled components are left out together with their edges.
 */
public final class PipelineValidator {

    private final Catalog catalog;

    public PipelineValidator(Catalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public List<Problem> validate(PipelineGraph graph) {
        List<Problem> problems = new ArrayList<>();
        if (graph.components().size() > PipelineGraph.MAX_COMPONENTS) {
            problems.add(Problem.structural(null, "", "a pipeline holds at most " + PipelineGraph.MAX_COMPONENTS + " components but this one has "
                    + graph.components().size()));
            return problems;
        }
        Map<ComponentKey, PipelineComponent> all = new LinkedHashMap<>();
        for (PipelineComponent c : graph.components()) {
            if (all.putIfAbsent(c.key(), c) != null) {
                problems.add(Problem.structural(c.key(), "", "the key '" + c.key() + "' is used by more than one component (keys are unique across"
                        + " sources, transforms and sinks)"));
            }
            if (c.key().reserved()) {
                problems.add(Problem.structural(c.key(), "", "keys starting with '" + ComponentKey.RESERVED_PREFIX + "' are reserved for VectorFlow"));
            }
        }
        Map<ComponentKey, PipelineComponent> active = new LinkedHashMap<>();
        all.forEach((k, c) -> {
            if (!c.disabled()) {
                active.put(k, c);
            }
        });
        List<Edge> edges = checkEdges(graph.edges(), all, active, problems);
        Map<ComponentKey, ComponentSpec> specs = new HashMap<>();
        for (PipelineComponent c : active.values()) {
            checkComponent(c, problems).ifPresent(spec -> specs.put(c.key(), spec));
        }
        Map<ComponentKey, List<Edge>> incoming = new HashMap<>();
        Map<ComponentKey, List<Edge>> outgoing = new HashMap<>();
        for (Edge e : edges) {
            incoming.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
            outgoing.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
        }
        for (PipelineComponent c : active.values()) {
            if (c.kind() != ComponentKind.SOURCE && !incoming.containsKey(c.key())) {
                problems.add(Problem.error(c.key(), "inputs", "a " + c.kind().label() + " needs at least one input"));
            }
            if (c.kind() != ComponentKind.SINK && !outgoing.containsKey(c.key())) {
                problems.add(Problem.warning(c.key(), "", "nothing consumes the events of this " + c.kind().label()));
            }
        }
        checkGlobalOptions(graph.globalOptions(), problems);
        if (graph.globalOptions().containsKey(ConfigRenderer.TESTS)) {
            new UnitTestChecker(all, problems).check(graph.globalOptions().get(ConfigRenderer.TESTS));
        }
        checkOutputs(edges, active, problems);
        boolean cyclic = checkCycles(active, outgoing, problems);
        if (!cyclic) {
            checkEventTypes(active, specs, incoming, outgoing, problems);
        }
        return problems;
    }

    private static List<Edge> checkEdges(List<Edge> edges, Map<ComponentKey, PipelineComponent> all, Map<ComponentKey, PipelineComponent> active,
                                         List<Problem> problems) {
        List<Edge> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Edge e : edges) {
            PipelineComponent from = all.get(e.from());
            PipelineComponent to = all.get(e.to());
            if (from == null || to == null) {
                ComponentKey missing = from == null ? e.from() : e.to();
                problems.add(Problem.structural(to == null ? e.from() : e.to(), "inputs", "the edge " + e.input() + " -> " + e.to()
                        + " connects '" + missing + "', which is not a component of this pipeline"));
                continue;
            }
            if (to.kind() == ComponentKind.SOURCE) {
                problems.add(Problem.structural(to.key(), "inputs", "a source takes no inputs (edge from '" + e.input() + "')"));
                continue;
            }
            if (from.kind() == ComponentKind.SINK) {
                problems.add(Problem.structural(from.key(), "", "a sink has no outputs (edge to '" + e.to() + "')"));
                continue;
            }
            if (!active.containsKey(e.from()) || !active.containsKey(e.to())) {
                continue;
            }
            if (seen.add(e.input() + "->" + e.to())) {
                kept.add(e);
            }
        }
        return kept;
    }

    private Optional<ComponentSpec> checkComponent(PipelineComponent c, List<Problem> problems) {
        Optional<ComponentSpec> found = catalog.find(c.kind(), c.type());
        if (found.isEmpty()) {
            problems.add(Problem.structural(c.key(), "type", "'" + c.type() + "' is not a " + c.kind().label() + " type of Vector "
                    + catalog.vectorVersion()));
            return found;
        }
        ComponentSpec spec = found.get();
        OptionChecker checker = new OptionChecker(c.key(), problems);
        Map<String, Object> options = new LinkedHashMap<>(c.options());
        if (options.remove("inputs") != null) {
            problems.add(Problem.error(c.key(), "inputs", "inputs come from the graph's edges, not from an option"));
        }
        if (options.remove("type") != null) {
            problems.add(Problem.error(c.key(), "type", "the type is set on the component, not as an option"));
        }
        List<OptionSpec> specs = new ArrayList<>(spec.options());
        catalog.commonOptions(c.kind()).stream().filter(o -> !o.name().equals("inputs") && !o.name().equals("type")).forEach(specs::add);
        checker.checkObject("", options, specs);
        checkRulesVectorKeepsInCode(c, problems);
        return found;
    }

    /**
     * Global options are Vector's top-level keys other than the component sections (those come from the graph) and
     * the unit tests (checked on their own): Vector refuses unknown keys, so a typo here would make every node refuse
     * the pipeline. The pipeline's own secret backends may not take the name of the one VectorFlow's agent provides.
     */
    private void checkGlobalOptions(Map<String, Object> globals, List<Problem> problems) {
        Set<String> sections = new HashSet<>();
        for (ComponentKind kind : ComponentKind.values()) {
            sections.add(kind.section());
        }
        List<OptionSpec> specs = catalog.globalOptions().stream().filter(o -> !sections.contains(o.name())).toList();
        Map<String, Object> options = new LinkedHashMap<>(globals);
        options.remove(ConfigRenderer.TESTS);
        new OptionChecker(null, problems).checkObject("", options, specs);
        if (globals.get(ConfigRenderer.SECRET_BACKENDS) instanceof Map<?, ?> backends && backends.containsKey(SecretReferences.BACKEND)) {
            problems.add(Problem.error(null, ConfigRenderer.SECRET_BACKENDS + "." + SecretReferences.BACKEND, "is the secret backend"
                    + " VectorFlow's agent provides; give the pipeline's own backend another name"));
        }
    }

    /** Rules Vector enforces in code, not in its reference data. */
    private static void checkRulesVectorKeepsInCode(PipelineComponent c, List<Problem> problems) {
        Map<String, Object> o = c.options();
        if (c.kind() == ComponentKind.TRANSFORM && c.type().equals("remap")
                && o.get("source") == null && o.get("file") == null && o.get("files") == null) {
            problems.add(Problem.error(c.key(), "source", "remap needs its VRL program: set 'source' (or 'file' / 'files')"));
        }
        if (c.kind() == ComponentKind.TRANSFORM && c.type().equals("sample") && (o.get("rate") == null) == (o.get("ratio") == null)) {
            problems.add(Problem.error(c.key(), "rate", "sample needs exactly one of 'rate' and 'ratio'"));
        }
        if (c.kind() == ComponentKind.SINK && c.type().equals("elasticsearch") && o.get("endpoints") == null && o.get("endpoint") == null) {
            problems.add(Problem.error(c.key(), "endpoints", "elasticsearch needs 'endpoints'"));
        }
        if (c.kind() == ComponentKind.TRANSFORM && c.type().equals("route") && !(o.get("route") instanceof Map<?, ?> m && !m.isEmpty())) {
            problems.add(Problem.error(c.key(), "route", "route needs at least one route (name: condition)"));
        }
    }

    private static void checkOutputs(List<Edge> edges, Map<ComponentKey, PipelineComponent> active, List<Problem> problems) {
        for (Edge e : edges) {
            NamedOutputs.Outputs outputs = NamedOutputs.of(active.get(e.from()));
            if (e.output().isPresent() && !outputs.named().containsKey(e.output().get())) {
                problems.add(Problem.structural(e.to(), "inputs", "'" + e.from() + "' has no output '" + e.output().get() + "'"
                        + (outputs.named().isEmpty() ? "" : " (its outputs: " + String.join(", ", outputs.named().keySet()) + ")")));
            } else if (e.output().isEmpty() && !outputs.hasDefault()) {
                problems.add(Problem.error(e.to(), "inputs", "'" + e.from() + "' has no default output; connect one of its named outputs: "
                        + String.join(", ", outputs.named().keySet())));
            }
        }
    }

    private static boolean checkCycles(Map<ComponentKey, PipelineComponent> active, Map<ComponentKey, List<Edge>> outgoing,
                                       List<Problem> problems) {
        Map<ComponentKey, Integer> state = new HashMap<>();
        for (ComponentKey start : active.keySet()) {
            List<ComponentKey> cycle = findCycle(start, outgoing, state);
            if (cycle != null) {
                problems.add(Problem.structural(cycle.getFirst(), "inputs", "the pipeline has a cycle: "
                        + cycle.stream().map(ComponentKey::value).collect(Collectors.joining(" -> "))));
                return true;
            }
        }
        return false;
    }

    /**
     * Depth-first search from {@code start} with an explicit stack (a chain of thousands of components must not
     * overflow a thread's stack): 1 = on the current path, 2 = done. Returns a cycle, or null.
     */
    private static List<ComponentKey> findCycle(ComponentKey start, Map<ComponentKey, List<Edge>> outgoing, Map<ComponentKey, Integer> state) {
        if (state.containsKey(start)) {
            return null;
        }
        List<ComponentKey> path = new ArrayList<>();
        List<Integer> next = new ArrayList<>();
        path.add(start);
        next.add(0);
        state.put(start, 1);
        while (!path.isEmpty()) {
            ComponentKey node = path.getLast();
            List<Edge> out = outgoing.getOrDefault(node, List.of());
            int i = next.getLast();
            if (i >= out.size()) {
                state.put(node, 2);
                path.removeLast();
                next.removeLast();
                continue;
            }
            next.set(next.size() - 1, i + 1);
            ComponentKey child = out.get(i).to();
            Integer s = state.get(child);
            if (s == null) {
                state.put(child, 1);
                path.add(child);
                next.add(0);
            } else if (s == 1) {
                List<ComponentKey> cycle = new ArrayList<>(path.subList(path.indexOf(child), path.size()));
                cycle.add(child);
                return cycle;
            }
        }
        return null;
    }

    /** Propagates event types from sources through transforms and checks each edge, in topological order (the graph is acyclic here). */
    private static void checkEventTypes(Map<ComponentKey, PipelineComponent> active, Map<ComponentKey, ComponentSpec> specs,
                                        Map<ComponentKey, List<Edge>> incoming, Map<ComponentKey, List<Edge>> outgoing, List<Problem> problems) {
        Map<ComponentKey, Integer> waiting = new HashMap<>();
        ArrayDeque<ComponentKey> ready = new ArrayDeque<>();
        for (ComponentKey key : active.keySet()) {
            int inputs = incoming.getOrDefault(key, List.of()).size();
            waiting.put(key, inputs);
            if (inputs == 0) {
                ready.add(key);
            }
        }
        Map<ComponentKey, Set<EventType>> produced = new HashMap<>();
        while (!ready.isEmpty()) {
            ComponentKey key = ready.poll();
            produced.put(key, typesOf(key, active, specs, incoming, produced, problems));
            for (Edge e : outgoing.getOrDefault(key, List.of())) {
                if (waiting.merge(e.to(), -1, Integer::sum) == 0) {
                    ready.add(e.to());
                }
            }
        }
    }

    /** The event types a component emits, from those of its inputs (all computed before it). */
    private static Set<EventType> typesOf(ComponentKey key, Map<ComponentKey, PipelineComponent> active, Map<ComponentKey, ComponentSpec> specs,
                                          Map<ComponentKey, List<Edge>> incoming, Map<ComponentKey, Set<EventType>> produced,
                                          List<Problem> problems) {
        ComponentSpec spec = specs.get(key);
        PipelineComponent component = active.get(key);
        if (spec == null) {
            return EnumSet.allOf(EventType.class);
        }
        Set<EventType> received = EnumSet.noneOf(EventType.class);
        for (Edge e : incoming.getOrDefault(key, List.of())) {
            Set<EventType> upstream = produced.getOrDefault(e.from(), EnumSet.allOf(EventType.class));
            Set<EventType> named = e.output().map(o -> NamedOutputs.of(active.get(e.from())).named().get(o)).orElse(null);
            Set<EventType> flowing = named == null ? upstream : named;
            Set<EventType> accepted = spec.inputTypes().isEmpty() ? EnumSet.allOf(EventType.class) : spec.inputTypes();
            if (!flowing.isEmpty() && flowing.stream().noneMatch(accepted::contains)) {
                problems.add(Problem.error(key, "inputs", "data type mismatch between " + e.input() + " (" + labels(flowing) + ") and "
                        + key + " (" + labels(accepted) + ")"));
            }
            received.addAll(flowing);
        }
        Set<EventType> out;
        if (component.kind() == ComponentKind.SOURCE) {
            out = EnumSet.copyOf(spec.outputTypes().isEmpty() ? EnumSet.allOf(EventType.class) : spec.outputTypes());
        } else if (spec.inputTypes().equals(spec.outputTypes())) {
            // a pass-through transform emits what it receives
            out = received.isEmpty() ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(received);
            out.retainAll(spec.outputTypes());
        } else {
            out = spec.outputTypes().isEmpty() ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(spec.outputTypes());
        }
        return out;
    }

    private static String labels(Set<EventType> types) {
        return types.stream().map(EventType::label).collect(Collectors.toCollection(TreeSet::new)).toString();
    }
}
