package dev.vectorflow.adapter.http.promotion;

import dev.vectorflow.ports.in.promotion.ApprovalQueries;
import dev.vectorflow.ports.in.promotion.DecideApprovalUseCase;
import dev.vectorflow.ports.in.promotion.PromotePipelineUseCase;
import dev.vectorflow.ports.in.promotion.SubmitDeploymentUseCase;

/** The use cases of promotion and approvals: promote, deploy through the approval gate, decide and list approval requests. */
public record PromotionUseCases(PromotePipelineUseCase promote, SubmitDeploymentUseCase submitDeployment, DecideApprovalUseCase decide,
                                ApprovalQueries approvals) {
}
