package dev.vectorflow.agent.pipeline;

import java.time.Duration;
import java.time.Instant;

/** What the agent reports of one pipeline: its status (the statuses of docs/agent-protocol.md), error and addresses. */
final class PipelineStatus {

    private PipelineStatus() {
    }

    static PipelineView view(ManagedPipeline p, Instant now) {
        boolean alive = p.alive();
        String status;
        String error = p.deployError != null ? p.deployError : p.crashError;
        if (p.crashLoop) {
            status = "CRASH_LOOP";
            error = p.crashError;
        } else if (p.process == null && p.restartAt != null) {
            status = "CRASHED";
            error = p.crashError;
        } else if (p.deployError != null) {
            status = "FAILED";
        } else if (!alive) {
            status = "STOPPED";
        } else if (p.healthy && !p.reloadPending()) {
            status = "RUNNING";
        } else {
            status = "STARTING";
            if (p.failedHealthChecks >= 3) {
                error = "Vector (pid " + p.process.pid() + ") does not answer its health check on " + p.apiAddress();
            }
        }
        Long uptime = alive && p.processStartedAt != null ? Math.max(0, Duration.between(p.processStartedAt, now).toSeconds()) : null;
        return new PipelineView(p.id, p.running == null ? null : p.running.version(), p.running == null ? null : p.running.checksum(),
                status, alive ? p.process.pid() : null, uptime, error, alive ? p.apiAddress() : null, alive ? p.metricsAddress() : null);
    }
}
