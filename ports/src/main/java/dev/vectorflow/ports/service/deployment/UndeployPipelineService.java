package dev.vectorflow.ports.service.deployment;

import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.ports.in.deployment.UndeployPipelineCommand;
import dev.vectorflow.ports.in.deployment.UndeployPipelineUseCase;
import dev.vectorflow.ports.out.deployment.DeploymentRepository;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.fleet.Existing;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import dev.vectorflow.ports.service.rollout.RolloutEngine;

/** Removes a pipeline's deployment; its nodes undeploy it at their next heartbeat. Audited. */
public final class UndeployPipelineService implements UndeployPipelineUseCase {

    private final Transactions transactions;
    private final PipelineRepository pipelines;
    private final DeploymentRepository deployments;
    private final FleetChanges changes;
    private final FleetAudit audit;
    private final RolloutEngine rollouts;

    /** {@code rollouts}: undeploying ends the pipeline's rollout in progress (SUPERSEDED). */
    public UndeployPipelineService(Transactions transactions, PipelineRepository pipelines, DeploymentRepository deployments, FleetChanges changes,
                                   FleetAudit audit, RolloutEngine rollouts) {
        this.rollouts = rollouts;
        this.transactions = transactions;
        this.pipelines = pipelines;
        this.deployments = deployments;
        this.changes = changes;
        this.audit = audit;
    }

    @Override
    public void undeployPipeline(UndeployPipelineCommand command) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            Pipeline pipeline = Existing.pipeline(pipelines, command.pipeline());
            Deployment current = deployments.find(pipeline.id())
                    .orElseThrow(() -> new NotFoundFailure("Deployment of pipeline", pipeline.name()));
            deployments.delete(pipeline.id());
            rollouts.onUndeploy(command.actor(), pipeline);
            changes.environmentChanged(pipeline.environmentId());
            audit.record(command.actor(), "pipeline.undeploy", "pipeline", pipeline.id().toString(), pipeline.environmentId(), Changes.none()
                    .field("version", current.version(), null).field("selector", current.selector().toString(), null));
            return null;
        });
    }
}
