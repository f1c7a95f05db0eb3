package dev.vectorflow.ports.in.fleet;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.ports.protocol.ConfigRequest;
import dev.vectorflow.ports.protocol.DesiredState;
import dev.vectorflow.ports.protocol.HeartbeatRequest;
import dev.vectorflow.ports.protocol.HeartbeatResponse;
import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.protocol.PipelineLogs;
import dev.vectorflow.ports.protocol.SampleResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Use case: the calls of an enrolled agent (protocol v1): heartbeat, config, desired state, logs and samples. */
public interface ServeAgentUseCase {

    /** The node a valid, unrevoked node token belongs to. */
    record AgentIdentity(NodeId nodeId, EnvironmentId environmentId) {
    }

    /** What a heartbeat got: an answer, or "too busy, come back after {@code retryAfter}" with nothing stored. */
    sealed interface HeartbeatOutcome permits Answered, Busy {
    }

    record Answered(HeartbeatResponse response) implements HeartbeatOutcome {
    }

    record Busy(Duration retryAfter) implements HeartbeatOutcome {
    }

    Optional<AgentIdentity> authenticate(String bearerToken);

    HeartbeatOutcome heartbeat(AgentIdentity agent, HeartbeatRequest request);

    /** @throws NotFoundFailure when the pipeline (or that version) is not meant for this node now */
    PipelineConfig config(AgentIdentity agent, ConfigRequest request) throws NotFoundFailure;

    DesiredState desiredState(AgentIdentity agent);

    HeartbeatOutcome acceptLogs(AgentIdentity agent, List<PipelineLogs> logs);

    HeartbeatOutcome acceptSamples(AgentIdentity agent, List<SampleResult> results);
}
