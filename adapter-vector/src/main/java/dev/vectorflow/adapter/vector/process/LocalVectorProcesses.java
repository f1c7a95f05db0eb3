package dev.vectorflow.adapter.vector.process;

import dev.vectorflow.core.pipeline.EnvironmentVariables;
import dev.vectorflow.ports.out.vector.runtime.VectorFailure;
import dev.vectorflow.ports.out.vector.runtime.VectorLaunch;
import dev.vectorflow.ports.out.vector.runtime.VectorLog;
import dev.vectorflow.ports.out.vector.runtime.VectorProcess;
import dev.vectorflow.ports.out.vector.runtime.VectorProcesses;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.io.BufferedReader;

/**
 * {@link VectorProcesses} with a {@code vector} binary on this machine (the real one, or the test stand-in). Each
 * process runs in its own session ({@code setsid} when present), with stdin from {@code /dev/null} and its output
 * appended to a log file, so an agent restart neither stops nor blocks it. A pipeline whose config says it needs
 * environment variables runs (and is validated) with {@code --dangerously-allow-env-var-interpolation}; it gets the
 * agent's environment.
 */
public final class LocalVectorProcesses implements VectorProcesses {

    private static final int OUTPUT_RING_LINES = 2000;
    private static final long LOG_FILE_LIMIT = 8L * 1024 * 1024;
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    static final String INTERPOLATION_FLAG = "--dangerously-allow-env-var-interpolation";

    private final Path binary;
    private final Duration validateTimeout;

    public LocalVectorProcesses(Path binary, Duration validateTimeout) {
        this.binary = binary;
        this.validateTimeout = validateTimeout;
    }

    @Override
    public String version() {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown (" + binary + " --version did not answer)";
            }
            return out.lines().findFirst().orElse("unknown (" + binary + " --version printed nothing)");
        } catch (IOException e) {
            return "unknown (" + binary + " cannot run: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public Validation validate(List<Path> configFiles, Path workingDirectory) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "validate", "--no-environment"));
        if (needsEnvironment(configFiles)) {
            command.add(INTERPOLATION_FLAG);
        }
        configFiles.forEach(f -> command.add(f.toString()));
        try {
            Process p = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                    .redirectInput(new File("/dev/null")).start();
            byte[] out = p.getInputStream().readNBytes(1024 * 1024);
            if (!p.waitFor(validateTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Validation(false, List.of("vector validate did not finish within " + validateTimeout.toSeconds() + " s"));
            }
            List<String> lines = new String(out, StandardCharsets.UTF_8).lines().map(String::strip).toList();
            List<String> errors = lines.stream().filter(l -> l.startsWith("x ")).map(l -> l.substring(2).strip()).toList();
            if (p.exitValue() == 0) {
                return new Validation(true, List.of());
            }
            if (errors.isEmpty()) {
                String last = lines.isEmpty() ? "" : ": " + lines.getLast();
                errors = List.of("vector validate failed (exit code " + p.exitValue() + ")" + last);
            }
            return new Validation(false, errors);
        } catch (IOException e) {
            return new Validation(false, List.of("vector validate could not run (" + binary + "): " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Validation(false, List.of("vector validate was interrupted"));
        }
    }

    @Override
    public BatchRun runBatch(List<Path> configFiles, Path workingDirectory, byte[] input, Map<String, String> environment, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        if (needsEnvironment(configFiles)) {
            command.add(INTERPOLATION_FLAG);
        }
        for (Path f : configFiles) {
            command.add("--config");
            command.add(f.toAbsolutePath().toString());
        }
        Path output = workingDirectory.resolve("vector.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            return new BatchRun(false, -1, "could not start " + binary + ": " + e.getMessage());
        }
        try {
            try (var stdin = p.getOutputStream()) {
                stdin.write(input);
            } catch (IOException e) {
                // Vector stopped reading (it refused the config): its exit code and output say why
            }
            boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            return new BatchRun(finished, finished ? p.exitValue() : -1, head(output, BATCH_OUTPUT_BYTES));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new BatchRun(false, -1, "interrupted");
        }
    }

    private static final int BATCH_OUTPUT_BYTES = 64 * 1024;

    private static String head(Path file, int limit) {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(limit), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public VectorProcess launch(VectorLaunch launch) throws VectorFailure {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(binary.toString());
        if (needsEnvironment(launch.configFiles())) {
            command.add(INTERPOLATION_FLAG);
        }
        for (Path f : launch.configFiles()) {
            command.add("--config");
            command.add(f.toAbsolutePath().toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(launch.workingDirectory().toFile())
                .redirectInput(new File("/dev/null"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()));
        builder.environment().putAll(launch.environment());
        try {
            Process process = builder.start();
            return new LocalVectorProcess(process.toHandle(), Optional.of(process));
        } catch (IOException e) {
            throw new VectorFailure("could not start " + binary + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<VectorProcess> adopt(long pid, VectorLaunch launch) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return Optional.empty();
        }
        String expected = launch.configFiles().getFirst().toAbsolutePath().toString();
        List<String> commandLine = commandLine(pid);
        if (!commandLine.contains(expected)) {
            return Optional.empty();
        }
        return Optional.of(new LocalVectorProcess(handle.get(), Optional.empty()));
    }

    @Override
    public VectorLog tail(Path logFile, long offset) {
        return new OutputRing(logFile, OUTPUT_RING_LINES, LOG_FILE_LIMIT, offset);
    }

    /**
     * Whether a config file starts with the line VectorFlow writes into pipelines that need environment variables
     * ({@link EnvironmentVariables#HEADER_PREFIX}): only those run with Vector's interpolation flag, as Vector 0.57
     * substitutes variables only with it (and then everywhere in the text, VRL programs included).
     */
    static boolean needsEnvironment(List<Path> configFiles) {
        for (Path file : configFiles) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String first = reader.readLine();
                if (first != null && first.startsWith(EnvironmentVariables.HEADER_PREFIX)) {
                    return true;
                }
            } catch (IOException unreadable) {
                // vector itself reports the file it cannot read
            }
        }
        return false;
    }

    /** The arguments of a process from {@code /proc/<pid>/cmdline}; empty when it cannot be read. */
    static List<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }
}
