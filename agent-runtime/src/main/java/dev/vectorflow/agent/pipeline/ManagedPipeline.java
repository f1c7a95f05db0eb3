package dev.vectorflow.agent.pipeline;

import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.protocol.PipelineLogs;
import dev.vectorflow.ports.out.vector.runtime.VectorLog;
import dev.vectorflow.ports.out.vector.runtime.VectorProcess;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The mutable state of one pipeline, shared by the deployer, the supervisor and the state store under the {@link Pipelines} lock. */
final class ManagedPipeline {

    static final int LOG_LINES_KEPT = 2000;

    final String id;
    final PipelineFiles files;
    /** Loopback ports of Vector's API and metrics exporter; moved when another process took one while Vector was down. */
    int apiPort;
    int metricsPort;

    /** The config whose files are in place; secrets in memory. Null secrets-wise after an adoption until the server resends it. */
    PipelineConfig running;
    /** The last good config while a switch settles; null otherwise. */
    PipelineConfig fallback;
    VectorProcess process;
    boolean secretsKnown;
    /** The running config is one that was refused before anything ran: never a fallback. */
    boolean runningRefused;

    /** Vector's log file, followed across this pipeline's processes; its offset is saved for the next agent. */
    VectorLog output;
    long savedLogOffset = -1;
    Instant logOffsetSavedAt = Instant.EPOCH;

    boolean settling;
    Instant switchedAt;
    /** SIGHUPs sent whose outcome Vector has not logged yet, and when the last was sent. */
    int reloadsAwaited;
    Instant reloadSentAt;
    boolean healthySinceSwitch;
    int failedHealthChecks;
    boolean healthy;
    Instant lastHealthCheck = Instant.EPOCH;

    /** Why the last deploy was refused or rolled back; reported as FAILED while set. */
    String deployError;
    /** Checksums refused here, with why: not tried again until the server sends another. */
    final Map<String, String> refusedChecksums = new HashMap<>();

    int fastCrashes;
    Instant restartAt;
    boolean crashLoop;
    String crashError;
    Instant processStartedAt;

    final Deque<String> pendingLogs = new ArrayDeque<>();
    long droppedLogs;

    ManagedPipeline(String id, PipelineFiles files, int apiPort, int metricsPort) {
        this.id = id;
        this.files = files;
        this.apiPort = apiPort;
        this.metricsPort = metricsPort;
    }

    boolean reloadPending() {
        return reloadsAwaited > 0;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** A new config was put in place: it must prove itself (alive and healthy) within the settle window from now. */
    void beginSettling(Instant now) {
        settling = true;
        switchedAt = now;
        healthySinceSwitch = false;
        failedHealthChecks = 0;
        healthy = false;
    }

    String apiAddress() {
        return "127.0.0.1:" + apiPort;
    }

    String metricsAddress() {
        return "127.0.0.1:" + metricsPort;
    }

    void log(String line) {
        if (pendingLogs.size() >= LOG_LINES_KEPT) {
            pendingLogs.removeFirst();
            droppedLogs++;
        }
        pendingLogs.addLast(line);
    }

    /** The lines logged since the last call (oldest first), led by how many were dropped on the way; null when none. */
    PipelineLogs drainLogs() {
        if (pendingLogs.isEmpty() && droppedLogs == 0) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        if (droppedLogs > 0) {
            lines.add("[vectorflow-agent] " + droppedLogs + " log lines dropped before they could be sent");
            droppedLogs = 0;
        }
        lines.addAll(pendingLogs);
        pendingLogs.clear();
        return new PipelineLogs(id, lines);
    }
}
