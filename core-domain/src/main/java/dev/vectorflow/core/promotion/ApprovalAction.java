package dev.vectorflow.core.promotion;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.rollout.RolloutPlan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What an approval request holds back: a deploy or a promotion, with everything needed to carry it out later. */
public sealed interface ApprovalAction permits ApprovalAction.Deploy, ApprovalAction.Promote {

    /**
     * Deploy {@code version} of {@code pipeline} to the nodes {@code selector} matches; {@code deployedVersion} is what ran
     * when it was asked (the diff is shown against it); {@code rollout} the staged plan asked for, if any.
     */
    record Deploy(PipelineId pipeline, int version, NodeSelector selector, Optional<Integer> deployedVersion, Optional<RolloutPlan> rollout)
            implements ApprovalAction {
        public Deploy {
            Objects.requireNonNull(pipeline, "pipeline");
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(deployedVersion, "deployedVersion");
            Objects.requireNonNull(rollout, "rollout");
            if (version < 1) {
                throw new IllegalArgumentException("'version' must be at least 1 but was " + version);
            }
        }

        /** All at once. */
        public Deploy(PipelineId pipeline, int version, NodeSelector selector, Optional<Integer> deployedVersion) {
            this(pipeline, version, selector, deployedVersion, Optional.empty());
        }
    }

    /**
     * Promote {@code version} of {@code source} into {@code target} with {@code values}, then deploy it there when
     * {@code deploy} is given; {@code targetVersion} is the target pipeline's latest version when it was asked, {@code note}
     * what the requester added to the version message.
     */
    record Promote(PipelineId source, int version, EnvironmentId target, List<ValueMapping> values, Optional<NodeSelector> deploy,
                   Optional<PipelineId> targetPipeline, Optional<Integer> targetVersion, String note) implements ApprovalAction {
        public Promote {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(target, "target");
            values = List.copyOf(values);
            Objects.requireNonNull(deploy, "deploy");
            Objects.requireNonNull(targetPipeline, "targetPipeline");
            Objects.requireNonNull(targetVersion, "targetVersion");
            note = Objects.requireNonNullElse(note, "");
            if (version < 1) {
                throw new IllegalArgumentException("'version' must be at least 1 but was " + version);
            }
        }
    }
}
