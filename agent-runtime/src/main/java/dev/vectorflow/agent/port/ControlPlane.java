package dev.vectorflow.agent.port;

import dev.vectorflow.ports.protocol.ConfigRequest;
import dev.vectorflow.ports.protocol.DesiredState;
import dev.vectorflow.ports.protocol.EnrollRequest;
import dev.vectorflow.ports.protocol.EnrollResponse;
import dev.vectorflow.ports.protocol.HeartbeatRequest;
import dev.vectorflow.ports.protocol.HeartbeatResponse;
import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.protocol.PreviewJob;
import dev.vectorflow.ports.protocol.PreviewRequest;
import dev.vectorflow.ports.protocol.PreviewResult;
import java.time.Duration;
import java.util.Optional;

/** Driven port of the agent: the VectorFlow server's agent API (protocol v1, docs/agent-protocol.md). */
public interface ControlPlane {

    Reply<EnrollResponse> enroll(EnrollRequest request);

    Reply<HeartbeatResponse> heartbeat(String nodeToken, HeartbeatRequest request);

    Reply<PipelineConfig> config(String nodeToken, ConfigRequest request);

    Reply<DesiredState> desiredState(String nodeToken);

    /** What a {@code preview} action runs. */
    Reply<PreviewJob> previewJob(String nodeToken, PreviewRequest request);

    /** The outputs of a preview's two runs. */
    Reply<Void> previewResult(String nodeToken, PreviewResult result);

    /** How a call ended: an answer, or one of the failures the agent treats differently. */
    sealed interface Reply<T> {

        /** 2xx with a readable body. */
        record Ok<T>(T value) implements Reply<T> {
        }

        /** 401: the token is unknown or revoked; stop calling. */
        record Unauthorized<T>(String message) implements Reply<T> {
        }

        /** 404: the thing asked for is not (or no longer) meant for this node. */
        record NotFound<T>(String message) implements Reply<T> {
        }

        /** Unreachable, slow, 5xx or 429: try again later (after {@code retryAfter} when the server said so). */
        record Unavailable<T>(String message, Optional<Duration> retryAfter) implements Reply<T> {
        }

        /** Any other refusal (400, 413, ...): retrying the same request will not help. */
        record Rejected<T>(int status, String message) implements Reply<T> {
        }
    }
}
