package dev.vectorflow.standin;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the Vector stand-in (a test fixture, never shipped): {@code --version}, {@code validate},
 * {@code tap}, {@code test} and running with {@code --config} files, as Vector 0.57 does (see docs/vector.md);
 * {@code --dangerously-allow-env-var-interpolation} substitutes environment variables for validate, test and a run.
 */
public final class StandinMain {

    static final String VERSION_LINE = "vector 0.57.0 (x86_64-unknown-linux-gnu standin 2026-07-14 00:00:00.000000000)";
    static final int EXIT_CONFIG = 78;
    static final int EXIT_USAGE = 2;
    static final int EXIT_UNAVAILABLE = 69;
    /** Vector 0.57 substitutes environment variables in config text only with this flag. */
    static final String INTERPOLATION_FLAG = "--dangerously-allow-env-var-interpolation";

    private StandinMain() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int code = run(Arrays.asList(args), System.getenv(), out, err);
        if (code >= 0) {
            System.exit(code);
        }
        // a negative code means: the topology runs on its own threads until a signal stops it
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.contains("--version") || args.contains("-V")) {
            out.println(VERSION_LINE);
            return 0;
        }
        if (!args.isEmpty() && args.getFirst().equals("validate")) {
            return validate(args.subList(1, args.size()), env, out, err);
        }
        if (!args.isEmpty() && args.getFirst().equals("tap")) {
            return StandinTap.run(args.subList(1, args.size()), out, err);
        }
        if (!args.isEmpty() && args.getFirst().equals("test")) {
            return StandinTests.run(args.subList(1, args.size()), env, out, err);
        }
        List<Path> configs = new ArrayList<>();
        boolean interpolate = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--config", "-c", "--config-yaml" -> {
                    if (i + 1 >= args.size()) {
                        err.println("error: a value is required for '--config <PATHS>' but none was supplied");
                        return EXIT_USAGE;
                    }
                    configs.add(Path.of(args.get(++i)));
                }
                case "--graceful-shutdown-limit-secs", "--log-format", "--color" -> i++;
                case "-q", "-v", "-vv", "--quiet", "--verbose", "--require-healthy", "--no-graceful-shutdown-limit" -> {
                    // accepted, no effect on the stand-in
                }
                case INTERPOLATION_FLAG -> interpolate = true;
                default -> {
                    err.println("error: unexpected argument '" + a + "' found");
                    return EXIT_USAGE;
                }
            }
        }
        if (configs.isEmpty()) {
            configs.add(Path.of("/etc/vector/vector.yaml"));
        }
        return StandinProcess.start(configs, env, interpolate, err);
    }

    private static int validate(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        List<Path> paths = new ArrayList<>();
        boolean denyWarnings = false;
        boolean interpolate = false;
        for (String a : args) {
            switch (a) {
                case "--no-environment", "-n" -> {
                    // the stand-in never runs health checks
                }
                case "--deny-warnings", "-d" -> denyWarnings = true;
                case INTERPOLATION_FLAG -> interpolate = true;
                default -> {
                    if (a.startsWith("-")) {
                        err.println("error: unexpected argument '" + a + "' found");
                        return EXIT_USAGE;
                    }
                    paths.add(Path.of(a));
                }
            }
        }
        if (paths.isEmpty()) {
            paths.add(Path.of("/etc/vector/vector.yaml"));
        }
        StandinConfig.Loaded loaded = StandinConfig.load(paths, env, false, interpolate);
        List<String> loadedNames = paths.stream().map(p -> "\"" + p + "\"").toList();
        if (!loaded.loadErrors().isEmpty()) {
            out.println("Failed to load " + loadedNames);
            out.println("--------------------------------------------------");
            loaded.loadErrors().forEach(e -> out.println("x " + e));
            return EXIT_CONFIG;
        }
        out.println("√ Loaded " + loadedNames);
        if (!loaded.problems().isEmpty()) {
            out.println("Component errors");
            out.println("--------------------------------------------------");
            loaded.problems().forEach(e -> out.println("x " + e));
            return EXIT_CONFIG;
        }
        loaded.warnings().forEach(w -> out.println("~ " + w));
        if (denyWarnings && !loaded.warnings().isEmpty()) {
            out.println("x Warnings were denied");
            return EXIT_CONFIG;
        }
        out.println("√ Component configuration");
        out.println("--------------------------------------------------");
        out.println("                                         Validated");
        return 0;
    }
}
