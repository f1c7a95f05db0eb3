package dev.vectorflow.ports.in.fleet;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.PipelineId;
import java.util.Optional;

/** Use case: deploy a published version of a pipeline to the matching nodes of its environment, or undeploy it. */
public interface DeployPipelineUseCase {

    /** @param version empty means the latest published version; @throws NotFoundFailure without such a pipeline or version */
    Deployment deploy(Actor actor, PipelineId pipeline, Optional<Integer> version, NodeSelector selector) throws NotFoundFailure;

    /** @throws NotFoundFailure when the pipeline does not exist or is not deployed */
    void undeploy(Actor actor, PipelineId pipeline) throws NotFoundFailure;
}
