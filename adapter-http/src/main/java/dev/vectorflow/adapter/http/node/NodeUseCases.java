package dev.vectorflow.adapter.http.node;

import dev.vectorflow.ports.in.node.DeleteNodeUseCase;
import dev.vectorflow.ports.in.node.ReenrollNodeUseCase;
import dev.vectorflow.ports.in.node.RequestSampleUseCase;
import dev.vectorflow.ports.in.node.RestartPipelineUseCase;
import dev.vectorflow.ports.in.node.RevokeNodeTokenUseCase;
import dev.vectorflow.ports.in.node.SetNodeLabelsUseCase;
import dev.vectorflow.ports.in.node.SetNodeMaintenanceUseCase;

/** The node administration use cases the node routes drive. */
public record NodeUseCases(SetNodeLabelsUseCase setLabels, SetNodeMaintenanceUseCase setMaintenance, RevokeNodeTokenUseCase revokeToken,
                           DeleteNodeUseCase delete, ReenrollNodeUseCase reenroll, RestartPipelineUseCase restartPipeline,
                           RequestSampleUseCase requestSample) {
}
