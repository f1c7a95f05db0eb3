package dev.vectorflow.ports.in.alert;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.alert.AlertRuleId;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.PipelineId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Input of creating a silence: which alerts (by rule, node, pipeline, node labels; all given must match) and until when. */
public record CreateSilenceCommand(Actor actor, EnvironmentId environment, Optional<AlertRuleId> rule, Optional<NodeId> node,
                                   Optional<PipelineId> pipeline, NodeSelector labels, Instant until, String reason) {
    public CreateSilenceCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(until, "until");
        reason = Objects.requireNonNullElse(reason, "");
    }
}
