package dev.vectorflow.bench;

import dev.vectorflow.adapter.vector.VectorPipelines;
import dev.vectorflow.core.pipeline.GraphImporter;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Measures import + validate + render of configs as large as an import may be (the 8 MiB request body): a chain of
 * 4,998 remap transforms between one source and one sink (5,000 components, as many as a pipeline may hold), and
 * one remap with a single 7 MB VRL program. For each, the median
 * and best of {@code --rounds} rounds (after as many warm-up rounds) of: read the YAML and import it, validate the
 * graph, render it as YAML. Run it with {@code bench/run large-config [--rounds N]}.
 */
public final class LargeConfigBenchmark {

    private LargeConfigBenchmark() {
    }

    /** A chain of {@code transforms} remaps, each with a VRL program of {@code programLines} lines. */
    static String chain(int transforms, int programLines) {
        StringBuilder config = new StringBuilder("sources:\n  in:\n    type: demo_logs\n    format: json\ntransforms:\n");
        String program = ".message = string!(.message)\n".repeat(programLines).indent(6);
        for (int i = 0; i < transforms; i++) {
            config.append("  step_").append(i).append(":\n    type: remap\n    inputs: [").append(i == 0 ? "in" : "step_" + (i - 1))
                    .append("]\n    source: |\n").append(program);
        }
        config.append("sinks:\n  out:\n    type: blackhole\n    inputs: [step_").append(transforms - 1).append("]\n");
        return config.toString();
    }

    /** One remap with a program of {@code bytes} bytes. */
    static String bigProgram(int bytes) {
        String line = "if exists(.field_a) { .field_b = upcase(string!(.field_a)) }\n";
        String program = line.repeat(bytes / line.length()).indent(6);
        return "sources:\n  in:\n    type: demo_logs\n    format: json\ntransforms:\n  big:\n    type: remap\n    inputs: [in]\n    source: |\n"
                + program + "sinks:\n  out:\n    type: blackhole\n    inputs: [big]\n";
    }

    public static void main(String[] args) {
        Map<String, String> options = CommandLine.parse(args, Set.of());
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "10"));
        VectorPipelines vector = VectorPipelines.withBundledCatalog();
        measure(vector, "4,998 remaps of 40 VRL lines each", () -> chain(4998, 40), rounds);
        measure(vector, "one remap with a 7 MB VRL program", () -> bigProgram(7_000_000), rounds);
    }

    private static void measure(VectorPipelines vector, String what, Supplier<String> config, int rounds) {
        String yaml = config.get();
        double[] importMs = new double[rounds];
        double[] validateMs = new double[rounds];
        double[] renderMs = new double[rounds];
        double[] totalMs = new double[rounds];
        int components = 0;
        long rendered = 0;
        for (int i = -rounds; i < rounds; i++) {
            long t0 = System.nanoTime();
            GraphImporter.ImportResult imported = vector.importConfig(yaml, Optional.of(ConfigFormat.YAML));
            long t1 = System.nanoTime();
            PipelineGraph graph = imported.graph();
            long errors = vector.validate(graph).stream().filter(Problem::isError).count();
            long t2 = System.nanoTime();
            rendered = vector.render(graph, ConfigFormat.YAML).length();
            long t3 = System.nanoTime();
            if (imported.hasErrors() || errors > 0) {
                throw new IllegalStateException("the benchmark config should be valid: " + imported.problems() + " "
                        + vector.validate(graph).stream().filter(Problem::isError).limit(3).toList());
            }
            components = graph.components().size();
            if (i >= 0) {
                importMs[i] = (t1 - t0) / 1e6;
                validateMs[i] = (t2 - t1) / 1e6;
                renderMs[i] = (t3 - t2) / 1e6;
                totalMs[i] = (t3 - t0) / 1e6;
            }
        }
        System.out.printf("%s: %,d bytes of YAML (%d components), rendered back as %,d bytes; %d rounds after %d warm-up rounds%n",
                what, yaml.length(), components, rendered, rounds, rounds);
        System.out.printf("  import %s, validate %s, render %s, all three %s%n", stats(importMs), stats(validateMs), stats(renderMs),
                stats(totalMs));
    }

    private static String stats(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format("median %.0f ms (best %.0f)", sorted[sorted.length / 2], sorted[0]);
    }
}
