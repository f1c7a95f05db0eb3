package dev.vectorflow.standin;

/**
 * Vector configs that the tests of several modules share (a test fixture, like the stand-in itself; never shipped).
 * Written for VectorFlow's tests from Vector's documented config format.
 */
public final class ConfigFixtures {

    private ConfigFixtures() {
    }

    /**
     * A YAML config of a {@code demo_logs} source, a chain of {@code transforms} remaps with a 40-line VRL program
     * each (about 1.3 kB per remap: 4,000 of them make a 5 MB file) and a {@code blackhole} sink.
     */
    public static String remapChain(int transforms) {
        StringBuilder config = new StringBuilder("sources:\n  in: {type: demo_logs, format: json}\ntransforms:\n");
        String program = ".message = string!(.message)\n".repeat(40).indent(6);
        for (int i = 0; i < transforms; i++) {
            config.append("  step_").append(i).append(":\n    type: remap\n    inputs: [").append(i == 0 ? "in" : "step_" + (i - 1))
                    .append("]\n    source: |\n").append(program);
        }
        return config.append("sinks:\n  out: {type: blackhole, inputs: [step_").append(transforms - 1).append("]}\n").toString();
    }

    /**
     * {@code demo_logs → remap parse → blackhole} with one Vector unit test per pair of {@code namesAndConditions}
     * (test name, VRL condition): each inserts a log at {@code parse} and checks its output with the condition.
     */
    public static String withUnitTests(String... namesAndConditions) {
        StringBuilder config = new StringBuilder("""
                sources:
                  in: {type: demo_logs, format: json}
                transforms:
                  parse: {type: remap, inputs: [in], source: .parsed = true}
                sinks:
                  out: {type: blackhole, inputs: [parse]}
                tests:
                """);
        for (int i = 0; i + 1 < namesAndConditions.length; i += 2) {
            config.append("  - name: ").append(namesAndConditions[i]).append('\n')
                    .append("    inputs: [{insert_at: parse, type: log, log_fields: {message: hi}}]\n")
                    .append("    outputs: [{extract_from: parse, conditions: [{type: vrl, source: \"").append(namesAndConditions[i + 1])
                    .append("\"}]}]\n");
        }
        return config.toString();
    }
}
