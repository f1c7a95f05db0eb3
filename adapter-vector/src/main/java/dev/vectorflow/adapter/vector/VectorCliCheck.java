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

/**
 * {@link VectorConfigCheck} with the real {@code vector} binary: writes the config to a temporary
 * directory, runs {@code vector validate --no-environment}, reads its {@code x} (error) and
 * {@code ~} (warning) lines, and cleans up. Without a binary every check answers empty.
 */
public final class VectorCliCheck implements VectorConfigCheck {

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
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("vectorflow-validate-");
            Path config = dir.resolve("pipeline.yaml");
            Files.writeString(config, configYaml, StandardCharsets.UTF_8);
            Path output = dir.resolve("output.txt");
            Process process = new ProcessBuilder(binary.get().toString(), "validate", "--no-environment", config.toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).directory(dir.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.of(new Verdict(false, List.of(Problem.error(null, "", "vector validate did not finish within " + timeout.toSeconds()
                        + " s")), ""));
            }
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            return Optional.of(verdict(process.exitValue(), lines));
        } catch (IOException e) {
            return Optional.of(new Verdict(false, List.of(Problem.error(null, "", "vector validate could not run: " + e.getMessage())), ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new Verdict(false, List.of(Problem.error(null, "", "vector validate was interrupted")), ""));
        } finally {
            delete(dir);
        }
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
