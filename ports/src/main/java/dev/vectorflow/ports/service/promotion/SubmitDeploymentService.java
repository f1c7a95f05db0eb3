package dev.vectorflow.ports.service.promotion;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.promotion.ApprovalAction;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.deployment.DeployPipelineCommand;
import dev.vectorflow.ports.in.deployment.DeployPipelineUseCase;
import dev.vectorflow.ports.in.promotion.SubmitDeploymentUseCase;
import dev.vectorflow.ports.out.deployment.DeploymentRepository;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.util.Optional;

/**
 * Deploys at once, or, in an environment that requires approval, holds the deploy (with the version resolved now, so that
 * what is approved is what was asked) until another admin decides.
 */
public final class SubmitDeploymentService implements SubmitDeploymentUseCase {

    private final Transactions transactions;
    private final PipelineRepository pipelines;
    private final EnvironmentRepository environments;
    private final DeploymentRepository deployments;
    private final DeployPipelineUseCase deploy;
    private final ApprovalGate gate;

    public SubmitDeploymentService(Transactions transactions, PipelineRepository pipelines, EnvironmentRepository environments,
                                   DeploymentRepository deployments, DeployPipelineUseCase deploy, ApprovalGate gate) {
        this.transactions = transactions;
        this.pipelines = pipelines;
        this.environments = environments;
        this.deployments = deployments;
        this.deploy = deploy;
        this.gate = gate;
    }

    private record Held(Environment environment, ApprovalAction.Deploy action) {
    }

    @Override
    public Submitted submitDeployment(DeployPipelineCommand command) throws NotFoundFailure {
        Optional<Held> held = transactions.inTransaction(() -> {
            Pipeline pipeline = pipelines.findById(command.pipeline()).orElseThrow(() -> new NotFoundFailure("Pipeline", command.pipeline()));
            Environment environment = environments.findById(pipeline.environmentId())
                    .orElseThrow(() -> new NotFoundFailure("Environment", pipeline.environmentId()));
            if (!environment.requiresApproval()) {
                return Optional.<Held>empty();
            }
            int number = command.version().orElse(pipelines.latestVersionNumber(pipeline.id()));
            if (number < 1) {
                throw new InvalidValueException("version", "the pipeline has no published version yet: publish it first");
            }
            if (pipelines.version(pipeline.id(), number).isEmpty()) {
                throw new NotFoundFailure("Version", number + " of pipeline " + pipeline.name());
            }
            Optional<Integer> running = deployments.find(pipeline.id()).map(Deployment::version);
            return Optional.of(new Held(environment, new ApprovalAction.Deploy(pipeline.id(), number, command.selector(), running,
                    command.rollout())));
        });
        if (held.isEmpty()) {
            return new Deployed(deploy.deployPipeline(command));
        }
        return new AwaitingApproval(gate.hold(command.actor(), held.get().environment(), held.get().action()));
    }
}
