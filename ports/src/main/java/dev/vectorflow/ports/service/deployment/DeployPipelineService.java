package dev.vectorflow.ports.service.deployment;

import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.rollout.Rollout;
import dev.vectorflow.core.rollout.RolloutId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.deployment.DeployPipelineCommand;
import dev.vectorflow.ports.in.deployment.DeployPipelineUseCase;
import dev.vectorflow.ports.in.deployment.DeployedPipeline;
import dev.vectorflow.ports.out.deployment.DeploymentRepository;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.fleet.Existing;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import dev.vectorflow.ports.service.rollout.RolloutEngine;
import java.time.Clock;
import java.util.Optional;

/**
 * Points a pipeline's deployment at a published version and a selector; every server recomputes the environment's desired
 * state. With a rollout plan the new version reaches the nodes in waves (see {@link RolloutEngine}). Audited.
 */
public final class DeployPipelineService implements DeployPipelineUseCase {

    private final Transactions transactions;
    private final PipelineRepository pipelines;
    private final DeploymentRepository deployments;
    private final FleetChanges changes;
    private final FleetAudit audit;
    private final Clock clock;
    private final RolloutEngine rollouts;

    /** {@code rollouts}: a plan starts a staged rollout, and any deploy supersedes the pipeline's rollout in progress. */
    public DeployPipelineService(Transactions transactions, PipelineRepository pipelines, DeploymentRepository deployments, FleetChanges changes,
                                 FleetAudit audit, Clock clock, RolloutEngine rollouts) {
        this.rollouts = rollouts;
        this.transactions = transactions;
        this.pipelines = pipelines;
        this.deployments = deployments;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public DeployedPipeline deployPipeline(DeployPipelineCommand command) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Pipeline pipeline = Existing.pipeline(pipelines, command.pipeline());
            int number = command.version().orElse(pipelines.latestVersionNumber(pipeline.id()));
            if (number < 1) {
                throw new InvalidValueException("version", "the pipeline has no published version yet: publish it first");
            }
            if (pipelines.version(pipeline.id(), number).isEmpty()) {
                throw new NotFoundFailure("Version", number + " of pipeline " + pipeline.name());
            }
            Optional<Deployment> before = deployments.find(pipeline.id());
            Deployment next = new Deployment(pipeline.id(), pipeline.environmentId(), number, command.selector(), clock.instant(),
                    command.actor().label());
            deployments.save(next);
            changes.environmentChanged(pipeline.environmentId());
            Optional<RolloutId> rollout = rollouts.onDeploy(command.actor(), pipeline, next, before, command.rollout()).map(Rollout::id);
            audit.record(command.actor(), "pipeline.deploy", "pipeline", pipeline.id().toString(), pipeline.environmentId(), Changes.none()
                    .field("version", before.map(Deployment::version).orElse(null), number)
                    .field("selector", before.map(d -> d.selector().toString()).orElse(null), command.selector().toString())
                    .field("staged", null, command.rollout().isPresent()));
            return new DeployedPipeline(next, rollout);
        });
    }
}
