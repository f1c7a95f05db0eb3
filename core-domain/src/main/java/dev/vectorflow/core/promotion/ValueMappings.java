package dev.vectorflow.core.promotion;

import dev.vectorflow.core.pipeline.PipelineComponent;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.validation.InvalidValueException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the environment-specific values of a promotion to a version's graph. A mapping replaces a value the version
 * has: its component must exist and its option path must lead to a value that is not a map or a list (a typo then
 * fails instead of adding an option nobody reads).
 */
public final class ValueMappings {

    private ValueMappings() {
    }

    /** One replaced value: where, and what it was and became. */
    public record AppliedValue(String component, String option, Object from, Object to) {
    }

    /** The graph with the values replaced, what was replaced, and every mapping that could not be applied (then the graph is the original). */
    public record Outcome(PipelineGraph graph, List<AppliedValue> applied, List<InvalidValueException> problems) {
        public Outcome {
            applied = List.copyOf(applied);
            problems = List.copyOf(problems);
        }
    }

    public static Outcome apply(PipelineGraph graph, List<ValueMapping> mappings) {
        List<InvalidValueException> problems = new ArrayList<>();
        if (mappings.size() > ValueMapping.MAX_MAPPINGS) {
            problems.add(new InvalidValueException("values", "may hold at most " + ValueMapping.MAX_MAPPINGS + " mappings but held "
                    + mappings.size()));
            return new Outcome(graph, List.of(), problems);
        }
        Map<String, PipelineComponent> byKey = new LinkedHashMap<>();
        graph.components().forEach(c -> byKey.put(c.key().value(), c));
        List<AppliedValue> applied = new ArrayList<>();
        for (int i = 0; i < mappings.size(); i++) {
            ValueMapping mapping = mappings.get(i);
            String field = "values[" + i + "]";
            PipelineComponent component = byKey.get(mapping.component().value());
            if (component == null) {
                problems.add(new InvalidValueException(field, "names the component '" + mapping.component().value()
                        + "' but the version has no component of that key"));
                continue;
            }
            Optional<Object> old = valueAt(component.options(), mapping.path());
            if (old.isEmpty() || old.get() instanceof Map<?, ?> || old.get() instanceof List<?>) {
                problems.add(new InvalidValueException(field, "names the option '" + mapping.option() + "' of '" + mapping.component().value()
                        + "' but the version has no single value there"));
                continue;
            }
            if (applied.stream().anyMatch(a -> a.component().equals(mapping.component().value()) && a.option().equals(mapping.option()))) {
                problems.add(new InvalidValueException(field, "maps '" + mapping.component().value() + "." + mapping.option() + "' a second time"));
                continue;
            }
            byKey.put(component.key().value(), new PipelineComponent(component.key(), component.kind(), component.type(),
                    replaced(component.options(), mapping.path(), mapping.value()), component.displayName(), component.position(),
                    component.disabled()));
            applied.add(new AppliedValue(mapping.component().value(), mapping.option(), old.get(), mapping.value()));
        }
        if (!problems.isEmpty()) {
            return new Outcome(graph, List.of(), problems);
        }
        return new Outcome(new PipelineGraph(List.copyOf(byKey.values()), graph.edges(), graph.globalOptions()), applied, problems);
    }

    private static Optional<Object> valueAt(Map<String, Object> options, List<String> path) {
        Object current = options;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return Optional.empty();
            }
            current = map.get(key);
        }
        return Optional.ofNullable(current);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> replaced(Map<String, Object> options, List<String> path, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(options);
        String key = path.getFirst();
        copy.put(key, path.size() == 1 ? value : replaced((Map<String, Object>) options.get(key), path.subList(1, path.size()), value));
        return copy;
    }
}
