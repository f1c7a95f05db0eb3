package dev.vectorflow.adapter.vector;

import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.ports.out.vector.VectorConfigCheck;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.LinkedHashMap;
import java.util.function.BiFunction;

/**
 * {@link VectorConfigCheck} with the real {@code vector} binary: writes the config to a temporary
 * directory, runs {@code vector validate --no-environment} (reads its {@code x} error and {@code ~}
 * warning lines) or {@code vector test} (reads its {@code test <name> ... passed|failed} lines and
 * the failures' details), and cleans up. Without a binary every check answers empty.
 */
public final class VectorCliCheck implements VectorConfigCheck {

    private static final Pattern TEST_RESULT = Pattern.compile("test (.+?) \\.\\.\\. (passed|failed)");
    private static final Pattern FAILURE_HEADER = Pattern.compile("test (.+):");
    private static final Pattern COMPONENT = Pattern.compile("(?:source|transform|sink|component)s? \"([A-Za-z0-9_-]{1,64})\"", Pattern.CASE_INSENSITIVE);

    private final Optional<Path> binary;
    private final Duration timeout;

    public VectorCliCheck(Optional<Path> binary, Duration timeout) {
        this.binary = binary;
        this.timeout = timeout;
    }

    /** The binary named by {@code VF_VECTOR_BIN}, else {@code vector} on {@code PATH}, else none. */
    public static VectorCliCheck fromEnvironment(Map<String, String> env) {
        String configured = env.get("VF_VECTOR_BIN");
        if (configured != null && !configured.isBlank()) {
            return new VectorCliCheck(Optional.of(Path.of(configured)), Duration.ofSeconds(30));
        }
        Optional<Path> onPath = Stream.of(env.getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "vector"))
                .filter(Files::isExecutable)
                .findFirst();
        return new VectorCliCheck(onPath, Duration.ofSeconds(30));
    }

    public Optional<Path> binary() {
        return binary;
    }

    @Override
    public Optional<Verdict> check(String configYaml) {
        return run(configYaml, List.of("validate", "--no-environment"), VectorCliCheck::verdict);
    }

    @Override
    public Optional<Verdict> test(String configYaml) {
        return run(configYaml, List.of("test"), VectorCliCheck::testVerdict);
    }

    /** Writes the config to a temporary directory, runs {@code vector <arguments> <file>} there and reads its output. */
    private Optional<Verdict> run(String configYaml, List<String> arguments, BiFunction<Integer, List<String>, Verdict> reading) {
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        String what = "vector " + arguments.getFirst();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("vectorflow-" + arguments.getFirst() + "-");
            Path config = dir.resolve("pipeline.yaml");
            Files.writeString(config, configYaml, StandardCharsets.UTF_8);
            Path output = dir.resolve("output.txt");
            List<String> command = new ArrayList<>();
            command.add(binary.get().toString());
            command.addAll(arguments);
            command.add(config.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).directory(dir.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.of(new Verdict(false, List.of(Problem.error(null, "", what + " did not finish within " + timeout.toSeconds()
                        + " s")), ""));
            }
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            return Optional.of(reading.apply(process.exitValue(), lines));
        } catch (IOException e) {
            return Optional.of(new Verdict(false, List.of(Problem.error(null, "", what + " could not run: " + e.getMessage())), ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new Verdict(false, List.of(Problem.error(null, "", what + " was interrupted")), ""));
        } finally {
            delete(dir);
        }
    }

    /**
     * What {@code vector test} said: {@code test <name> ... passed|failed} per test, then under {@code failures:} a
     * {@code test <name>:} block of details per failed test; exit 0 when every test passed.
     */
    static Verdict testVerdict(int exitCode, List<String> lines) {
        List<Problem> problems = new ArrayList<>();
        Map<String, List<String>> details = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        String current = null;
        boolean inFailures = false;
        for (String raw : lines) {
            String line = raw.strip();
            Matcher result = TEST_RESULT.matcher(line);
            if (result.matches()) {
                if (result.group(2).equals("failed")) {
                    failed.add(result.group(1));
                }
                continue;
            }
            if (line.equals("failures:")) {
                inFailures = true;
                continue;
            }
            Matcher header = FAILURE_HEADER.matcher(line);
            if (inFailures && header.matches()) {
                current = header.group(1);
                continue;
            }
            if (inFailures && current != null && !line.isEmpty()) {
                details.computeIfAbsent(current, k -> new ArrayList<>()).add(line);
            }
        }
        for (String name : failed) {
            String why = String.join("; ", details.getOrDefault(name, List.of()));
            problems.add(Problem.error(null, "tests", "Vector: unit test '" + name + "' failed" + (why.isEmpty() ? "" : ": "
                    + (why.length() > 500 ? why.substring(0, 500) + "…" : why))));
        }
        boolean valid = exitCode == 0;
        if (!valid && problems.isEmpty()) {
            String last = lines.stream().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse("");
            problems.add(Problem.error(null, "tests", "vector test failed (exit code " + exitCode + ")" + (last.isEmpty() ? "" : ": " + last)));
        }
        return new Verdict(valid, problems, "");
    }

    static Verdict verdict(int exitCode, List<String> lines) {
        List<Problem> problems = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            boolean error = line.startsWith("x ");
            boolean warning = line.startsWith("~ ");
            if (!error && !warning) {
                continue;
            }
            String message = "Vector: " + line.substring(2).strip();
            Matcher m = COMPONENT.matcher(line);
            ComponentKey component = m.find() ? new ComponentKey(m.group(1)) : null;
            problems.add(error ? Problem.error(component, "", message) : Problem.warning(component, "", message));
        }
        boolean valid = exitCode == 0;
        if (!valid && problems.stream().noneMatch(Problem::isError)) {
            problems.add(Problem.error(null, "", "vector validate failed (exit code " + exitCode + ")"
                    + (lines.isEmpty() ? "" : ": " + lines.getLast().strip())));
        }
        return new Verdict(valid, problems, "");
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless; the OS cleans it
        }
    }
}
