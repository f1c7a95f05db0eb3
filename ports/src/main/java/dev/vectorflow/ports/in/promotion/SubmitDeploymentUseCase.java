package dev.vectorflow.ports.in.promotion;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.promotion.ApprovalRequest;
import dev.vectorflow.ports.in.deployment.DeployPipelineCommand;
import dev.vectorflow.ports.in.deployment.DeployedPipeline;

/** Use case: deploy a pipeline, or, when its environment requires approval, hold the deploy until another admin approves it. */
public interface SubmitDeploymentUseCase {

    Submitted submitDeployment(DeployPipelineCommand command) throws NotFoundFailure;

    /** What a submitted deploy did. */
    sealed interface Submitted permits Deployed, AwaitingApproval {
    }

    record Deployed(DeployedPipeline deployed) implements Submitted {
    }

    record AwaitingApproval(ApprovalRequest request) implements Submitted {
    }
}
