package dev.vectorflow.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vector test [PATHS...]}: Vector's unit tests (the top-level {@code tests} list), with Vector's output and
 * exit codes: {@code Running tests}, one {@code test <name> ... passed|failed} line per test, then under
 * {@code failures:} the reasons, exit 0 when every test passed and 78 when one failed or the tests could not be built.
 *
 * <p>What it checks, as Vector does before it runs anything: the config loads, every test has a name, inserts its
 * inputs at transforms and extracts its outputs from transforms of the config, has outputs or
 * {@code no_outputs_from}, and its VRL conditions call only functions VRL has. It cannot run VRL: of the
 * conditions, only the literal programs {@code true} and {@code false} are judged (as Vector would judge them);
 * every other condition counts as met.
 */
final class StandinTests {

    private StandinTests() {
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        List<Path> paths = new ArrayList<>();
        boolean interpolate = false;
        for (String a : args) {
            if (a.equals(StandinMain.INTERPOLATION_FLAG)) {
                interpolate = true;
            } else if (a.startsWith("-")) {
                err.println("error: unexpected argument '" + a + "' found");
                return StandinMain.EXIT_USAGE;
            } else {
                paths.add(Path.of(a));
            }
        }
        if (paths.isEmpty()) {
            paths.add(Path.of("/etc/vector/vector.yaml"));
        }
        StandinConfig.Loaded loaded = StandinConfig.load(paths, env, false, interpolate);
        out.println("Running tests");
        if (!loaded.ok()) {
            List<String> all = new ArrayList<>(loaded.loadErrors());
            all.addAll(loaded.problems());
            err.println("ERROR vector::unit_test: Failed to execute tests:");
            all.forEach(e -> err.println(e));
            return StandinMain.EXIT_CONFIG;
        }
        List<String> buildErrors = new ArrayList<>();
        Map<String, List<String>> failures = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (JsonNode test : loaded.tests()) {
            String name = test.path("name").asText("");
            if (name.isEmpty()) {
                buildErrors.add("A unit test has no name");
                continue;
            }
            List<String> errors = buildErrors(name, test, loaded);
            if (!errors.isEmpty()) {
                buildErrors.addAll(errors);
                continue;
            }
            names.add(name);
            List<String> failed = falseConditions(test);
            if (!failed.isEmpty()) {
                failures.put(name, failed);
            }
        }
        if (!buildErrors.isEmpty()) {
            err.println("ERROR vector::unit_test: Failed to execute tests:");
            buildErrors.forEach(e -> err.println(e));
            return StandinMain.EXIT_CONFIG;
        }
        if (names.isEmpty()) {
            out.println("No tests found.");
            return 0;
        }
        names.forEach(n -> out.println("test " + n + " ... " + (failures.containsKey(n) ? "failed" : "passed")));
        if (failures.isEmpty()) {
            return 0;
        }
        out.println();
        out.println("failures:");
        failures.forEach((name, reasons) -> {
            out.println();
            out.println("test " + name + ":");
            out.println();
            reasons.forEach(r -> {
                out.println(r);
                out.println();
            });
        });
        return StandinMain.EXIT_CONFIG;
    }

    private static List<String> buildErrors(String name, JsonNode test, StandinConfig.Loaded loaded) {
        List<String> errors = new ArrayList<>();
        List<JsonNode> inputs = new ArrayList<>();
        test.path("inputs").forEach(inputs::add);
        if (test.has("input")) {
            inputs.add(test.get("input"));
        }
        for (JsonNode input : inputs) {
            String target = input.path("insert_at").asText("");
            if (!isTransform(target, loaded)) {
                errors.add("Failed to build test '" + name + "':\n  inputs[].insert_at target '" + target + "' does not exist or is not a transform.");
            }
        }
        List<String> extracted = new ArrayList<>();
        for (JsonNode output : test.path("outputs")) {
            JsonNode from = output.path("extract_from");
            if (from.isArray()) {
                from.forEach(f -> extracted.add(f.asText()));
            } else {
                extracted.add(from.asText(""));
            }
            for (JsonNode condition : output.path("conditions")) {
                String source = condition.isTextual() ? condition.asText() : condition.path("source").asText("");
                StandinVrl.errors(source).forEach(e -> errors.add("Failed to build test '" + name + "':\n  " + e));
            }
        }
        test.path("no_outputs_from").forEach(n -> extracted.add(n.asText()));
        for (String target : extracted) {
            if (!isTransform(target, loaded)) {
                errors.add("Failed to build test '" + name + "':\n  Invalid extract_from target in test '" + name + "': '" + target
                        + "' does not exist");
            }
        }
        if (!test.has("outputs") && !test.has("no_outputs_from")) {
            errors.add("Failed to build test '" + name + "':\n  unit test must contain at least one of `outputs` or `no_outputs_from`.");
        }
        return errors;
    }

    private static boolean isTransform(String target, StandinConfig.Loaded loaded) {
        String id = target.contains(".") ? target.substring(0, target.indexOf('.')) : target;
        StandinConfig.Component component = loaded.components().get(id);
        return component != null && component.kind().equals("transform");
    }

    /** The conditions whose program is the literal {@code false}: the only ones the stand-in can tell are not met. */
    private static List<String> falseConditions(JsonNode test) {
        List<String> failed = new ArrayList<>();
        for (JsonNode output : test.path("outputs")) {
            int index = 0;
            for (JsonNode condition : output.path("conditions")) {
                String source = (condition.isTextual() ? condition.asText() : condition.path("source").asText("")).strip();
                if (source.equals("false")) {
                    failed.add("check transform '" + output.path("extract_from").asText() + "' failed conditions:\n  condition[" + index
                            + "]: source: false");
                }
                index++;
            }
        }
        return failed;
    }
}
