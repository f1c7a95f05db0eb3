package dev.vectorflow.core.pipeline;

import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks Vector's unit tests (the top-level {@code tests} list) against the pipeline as Vector does before it runs
 * them: each test is an object with a {@code name}, {@code inputs} inserted at transforms of the pipeline,
 * {@code outputs} extracted from transforms and {@code no_outputs_from} transforms, and needs outputs or
 * no_outputs_from. What the tests assert (VRL conditions) only {@code vector test} can judge.
 */
final class UnitTestChecker {

    private static final Set<String> TEST_KEYS = Set.of("name", "input", "inputs", "outputs", "no_outputs_from");

    private final Map<ComponentKey, PipelineComponent> components;
    private final List<Problem> problems;

    UnitTestChecker(Map<ComponentKey, PipelineComponent> components, List<Problem> problems) {
        this.components = components;
        this.problems = problems;
    }

    void check(Object tests) {
        if (!(tests instanceof List<?> list)) {
            problems.add(Problem.error(null, ConfigRenderer.TESTS, "must be a list of unit tests"));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String path = ConfigRenderer.TESTS + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> test)) {
                problems.add(Problem.error(null, path, "a unit test must be an object with a name, inputs and outputs"));
                continue;
            }
            checkTest(path, test);
        }
    }

    private void checkTest(String path, Map<?, ?> test) {
        if (!(test.get("name") instanceof String name) || name.isBlank()) {
            problems.add(Problem.error(null, path + ".name", "a unit test needs a name"));
        }
        for (Object key : test.keySet()) {
            if (!TEST_KEYS.contains(String.valueOf(key))) {
                problems.add(Problem.error(null, path + "." + key, "'" + key + "' is not a key of a unit test (the keys: "
                        + String.join(", ", TEST_KEYS.stream().sorted().toList()) + ")"));
            }
        }
        if (test.get("input") instanceof Map<?, ?> single) {
            checkTarget(path + ".input.insert_at", single.get("insert_at"));
        }
        if (test.get("inputs") instanceof List<?> inputs) {
            for (int i = 0; i < inputs.size(); i++) {
                if (inputs.get(i) instanceof Map<?, ?> input) {
                    checkTarget(path + ".inputs[" + i + "].insert_at", input.get("insert_at"));
                }
            }
        }
        boolean hasOutputs = test.get("outputs") instanceof List<?> outputs && !outputs.isEmpty();
        if (test.get("outputs") instanceof List<?> outputs) {
            for (int i = 0; i < outputs.size(); i++) {
                if (outputs.get(i) instanceof Map<?, ?> output) {
                    Object from = output.get("extract_from");
                    for (Object target : from instanceof List<?> several ? several : List.of(String.valueOf(from))) {
                        checkTarget(path + ".outputs[" + i + "].extract_from", target);
                    }
                }
            }
        }
        boolean hasNoOutputs = test.get("no_outputs_from") instanceof List<?> none && !none.isEmpty();
        if (test.get("no_outputs_from") instanceof List<?> none) {
            none.forEach(target -> checkTarget(path + ".no_outputs_from", target));
        }
        if (!hasOutputs && !hasNoOutputs) {
            problems.add(Problem.error(null, path, "a unit test needs 'outputs' or 'no_outputs_from'"));
        }
    }

    /** A target names a transform of the pipeline ({@code id} or {@code id.output}). */
    private void checkTarget(String path, Object target) {
        String text = String.valueOf(target);
        String id = text.contains(".") ? text.substring(0, text.indexOf('.')) : text;
        PipelineComponent component = ComponentKey.isValid(id) ? components.get(new ComponentKey(id)) : null;
        if (component == null) {
            problems.add(Problem.error(null, path, "'" + text + "' is not a component of this pipeline"));
        } else if (component.kind() != ComponentKind.TRANSFORM) {
            problems.add(Problem.error(null, path, "'" + text + "' is a " + component.kind().label() + "; unit tests insert at and extract from"
                    + " transforms"));
        }
    }
}
