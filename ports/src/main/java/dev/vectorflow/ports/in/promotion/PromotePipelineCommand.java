package dev.vectorflow.ports.in.promotion;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.promotion.ValueMapping;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Input of {@link PromotePipelineUseCase}: promote version {@code version} of {@code pipeline} into {@code target}, with the
 * target's environment-specific {@code values}; when {@code deploy} is given, deploy the new version there to the nodes it
 * selects. {@code note} is added to the version message.
 */
public record PromotePipelineCommand(Actor actor, PipelineId pipeline, int version, EnvironmentId target, List<ValueMapping> values,
                                     Optional<NodeSelector> deploy, String note) {

    public PromotePipelineCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(target, "target");
        values = List.copyOf(values);
        Objects.requireNonNull(deploy, "deploy");
        note = Objects.requireNonNullElse(note, "");
    }
}
