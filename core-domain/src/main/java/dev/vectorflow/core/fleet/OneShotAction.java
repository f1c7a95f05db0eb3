package dev.vectorflow.core.fleet;

import dev.vectorflow.core.pipeline.PipelineId;
import java.util.List;
import java.util.Objects;

/**
 * An action a user asked of one node that happens once (unlike deploy and undeploy, which follow from the desired state):
 * it stays pending until the node's agent settles it.
 */
public sealed interface OneShotAction permits OneShotAction.Restart, OneShotAction.Sample, OneShotAction.Preview, OneShotAction.Update {

    /** The action's id, unique per node; the agent reports its result under it. */
    String id();

    /** Restart one pipeline's Vector process. */
    record Restart(String id, PipelineId pipelineId) implements OneShotAction {
        public Restart {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(pipelineId, "pipelineId");
        }
    }

    /** Capture up to {@code limit} events of each named component; the results arrive under {@code requestId}. */
    record Sample(String id, String requestId, PipelineId pipelineId, List<String> componentKeys, int limit) implements OneShotAction {
        public Sample {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(pipelineId, "pipelineId");
            componentKeys = List.copyOf(componentKeys);
        }
    }

    /** Run preview {@code requestId} of a pipeline's draft against another version on sample events; the agent fetches the rest. */
    record Preview(String id, String requestId, PipelineId pipelineId) implements OneShotAction {
        public Preview {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(pipelineId, "pipelineId");
        }
    }

    /** Replace the agent by release {@code targetVersion}; {@code checksum} is {@code sha256:<hex>}, {@code signature} base64 ed25519. */
    record Update(String id, String targetVersion, String downloadUrl, String checksum, String signature) implements OneShotAction {
        public Update {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(targetVersion, "targetVersion");
        }
    }
}
