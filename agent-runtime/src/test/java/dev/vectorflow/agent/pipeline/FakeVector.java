package dev.vectorflow.agent.pipeline;

import dev.vectorflow.ports.protocol.ComponentMetrics;
import dev.vectorflow.ports.protocol.SampleResult;
import dev.vectorflow.ports.out.vector.runtime.VectorConfigRules;
import dev.vectorflow.ports.out.vector.runtime.VectorFailure;
import dev.vectorflow.ports.out.vector.runtime.VectorLaunch;
import dev.vectorflow.ports.out.vector.runtime.VectorLog;
import dev.vectorflow.ports.out.vector.runtime.VectorProcess;
import dev.vectorflow.ports.out.vector.runtime.VectorProcesses;
import dev.vectorflow.ports.out.vector.runtime.VectorTelemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * In-memory fakes of the Vector ports for the pipeline unit tests: processes that live until the test kills them,
 * a validate that refuses configs containing "INVALID", health by address, global options = lines starting "global:".
 */
public final class FakeVector implements VectorProcesses, VectorTelemetry, VectorConfigRules {

    final List<FakeProcess> launched = new ArrayList<>();
    final List<String> validated = new ArrayList<>();
    final Set<String> unhealthy = new HashSet<>();
    final Map<Long, FakeProcess> byPid = new HashMap<>();
    /** Reloads log nothing (a Vector running with VECTOR_LOG=warn says nothing of a reload that worked). */
    boolean silentReloads;
    private long nextPid = 1000;

    final class FakeProcess implements VectorProcess {
        final long pid = nextPid++;
        final String configAtLaunch;
        final Instant started = Instant.now();
        boolean alive = true;
        Integer exit;
        int reloads;
        final List<String> output = new ArrayList<>();
        String configAtReload;
        final VectorLaunch launch;

        FakeProcess(VectorLaunch launch) throws IOException {
            this.launch = launch;
            this.configAtLaunch = Files.readString(launch.configFiles().getFirst());
        }

        void crash(int code) {
            alive = false;
            exit = code;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public Instant startedAt() {
            return started;
        }

        @Override
        public boolean isAlive() {
            return alive;
        }

        @Override
        public OptionalInt exitCode() {
            return exit == null ? OptionalInt.empty() : OptionalInt.of(exit);
        }

        @Override
        public void reload() throws VectorFailure {
            reloads++;
            try {
                configAtReload = Files.readString(launch.configFiles().getFirst());
            } catch (IOException e) {
                throw new VectorFailure(e.getMessage());
            }
            if (configAtReload.contains("REFUSE_RELOAD")) {
                output.add("ERROR vector: Reload was not successful.");
            } else if (!silentReloads) {
                output.add("INFO vector: Vector has reloaded.");
            }
        }

        @Override
        public void stop(Duration grace) {
            if (alive) {
                output.add("INFO vector: Vector has stopped.");
            }
            alive = false;
            exit = 0;
        }

    }

    /** The lines of every fake process writing {@code logFile}, in launch order; the offset counts lines read. */
    final class FakeLog implements VectorLog {
        private final Path logFile;
        private long read;

        FakeLog(Path logFile, long offset) {
            this.logFile = logFile;
            this.read = Math.max(0, offset);
        }

        @Override
        public List<String> newLines() {
            List<String> out = new ArrayList<>();
            for (FakeProcess p : launched) {
                if (p.launch.logFile().equals(logFile)) {
                    out.addAll(p.output);
                    p.output.clear();
                }
            }
            read += out.size();
            return out;
        }

        @Override
        public long offset() {
            return read;
        }
    }

    final List<FakeLog> tails = new ArrayList<>();

    @Override
    public VectorLog tail(Path logFile, long offset) {
        FakeLog log = new FakeLog(logFile, offset);
        tails.add(log);
        return log;
    }

    /** How many processes were launched. */
    public int launches() {
        return launched.size();
    }

    FakeProcess last() {
        return launched.getLast();
    }

    @Override
    public String version() {
        return "vector 0.57.0 (fake)";
    }

    @Override
    public Validation validate(List<Path> configFiles, Path workingDirectory) {
        try {
            String text = Files.readString(configFiles.getFirst());
            validated.add(text);
            return text.contains("INVALID") ? new Validation(false, List.of("Source \"a\": unknown source type `INVALID`")) : new Validation(true, List.of());
        } catch (IOException e) {
            return new Validation(false, List.of(e.getMessage()));
        }
    }

    @Override
    public VectorProcess launch(VectorLaunch launch) throws VectorFailure {
        try {
            FakeProcess p = new FakeProcess(launch);
            launched.add(p);
            byPid.put(p.pid, p);
            return p;
        } catch (IOException e) {
            throw new VectorFailure(e.getMessage());
        }
    }

    @Override
    public Optional<VectorProcess> adopt(long pid, VectorLaunch launch) {
        return Optional.ofNullable(byPid.get(pid)).filter(p -> p.alive).map(p -> p);
    }

    @Override
    public boolean healthy(String apiAddress, Duration timeout) {
        return !unhealthy.contains(apiAddress);
    }

    @Override
    public Optional<List<ComponentMetrics>> scrape(String metricsAddress, Duration timeout) {
        return Optional.of(List.of());
    }

    @Override
    public SampleResult sample(String apiAddress, String requestId, String componentKey, int limit, Duration timeout) {
        return new SampleResult(requestId, componentKey, List.of(), List.of(), "not in the fake");
    }

    @Override
    public String sidecar(String dataDir, String apiAddress, String metricsAddress, List<String> secretCommand) {
        return "sidecar api=" + apiAddress + " metrics=" + metricsAddress + " secrets=" + secretCommand + "\n";
    }

    @Override
    public PreviewConfig previewConfig(String configYaml, String dataDir, java.util.function.Function<String, String> sinkFile,
                                       List<String> secretCommand) {
        throw new UnsupportedOperationException("previews run with the stand-in, not the fake");
    }

    @Override
    public BatchRun runBatch(List<Path> configFiles, Path workingDirectory, byte[] input, java.util.Map<String, String> environment,
                             Duration timeout) {
        throw new UnsupportedOperationException("previews run with the stand-in, not the fake");
    }

    @Override
    public boolean requiresRestart(String configBefore, String configAfter) {
        return !globals(configBefore).equals(globals(configAfter));
    }

    private static List<String> globals(String config) {
        return config.lines().filter(l -> l.startsWith("global:")).toList();
    }
}
