package dev.vectorflow.ports.service.fleet;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.DesiredPipeline;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.fleet.DesiredPipelines;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.pipeline.References;
import dev.vectorflow.core.secret.CertificateBundle;
import dev.vectorflow.ports.in.delivery.DeliveredConfig;
import dev.vectorflow.ports.in.secret.ResolveSecretsUseCase;
import dev.vectorflow.ports.out.deployment.DeploymentRepository;
import dev.vectorflow.ports.out.fleet.EnvironmentPlan;
import dev.vectorflow.ports.out.fleet.FleetCache;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.StagedPipeline;
import dev.vectorflow.core.rollout.Rollout;
import dev.vectorflow.ports.out.rollout.RolloutRepository;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployed pipelines of an environment with the checksum each node must end up running (cached until a deploy,
 * an undeploy, a pipeline or a secret of the environment changes, or a rollout moves), which nodes of a staged rollout
 * get it, and the config delivered for one of them.
 */
public final class DesiredStates {

    static final String LOG_LEVEL = "info";

    private final Transactions transactions;
    private final DeploymentRepository deployments;
    private final PipelineRepository pipelines;
    private final ResolveSecretsUseCase secrets;
    private final FleetCache cache;
    private final RolloutRepository rollouts;

    /** {@code rollouts}: per pipeline in a staged rollout, which nodes get the deployed version. */
    public DesiredStates(Transactions transactions, DeploymentRepository deployments, PipelineRepository pipelines,
                         ResolveSecretsUseCase secrets, FleetCache cache, RolloutRepository rollouts) {
        this.rollouts = rollouts;
        this.transactions = transactions;
        this.deployments = deployments;
        this.pipelines = pipelines;
        this.secrets = secrets;
        this.cache = cache;
    }

    public EnvironmentPlan plan(EnvironmentId environment) {
        return cache.plan(environment, this::load);
    }

    private EnvironmentPlan load(EnvironmentId environment) {
        return transactions.inTransaction(() -> {
            Map<PipelineId, String> names = new HashMap<>();
            for (Pipeline p : pipelines.findByEnvironment(environment)) {
                names.put(p.id(), p.name().value());
            }
            List<DesiredPipeline> deployed = new ArrayList<>();
            for (Deployment d : deployments.findByEnvironment(environment)) {
                String name = names.get(d.pipelineId());
                var version = pipelines.version(d.pipelineId(), d.version());
                if (name != null && version.isPresent()) {
                    DeliveredConfig config = render(environment, name, version.get());
                    deployed.add(new DesiredPipeline(d.pipelineId(), name, d.version(), config.checksum(), d.selector()));
                }
            }
            Map<PipelineId, StagedPipeline> staged = new HashMap<>();
            for (Rollout r : rollouts.activeIn(environment)) {
                String name = names.get(r.pipelineId());
                boolean current = deployed.stream().anyMatch(d -> d.pipelineId().equals(r.pipelineId()) && d.version() == r.targetVersion());
                if (name == null || !current) {
                    continue;
                }
                Optional<DesiredPipeline> previous = r.previousVersion().flatMap(v -> pipelines.version(r.pipelineId(), v)).map(v ->
                        new DesiredPipeline(r.pipelineId(), name, v.number(), render(environment, name, v).checksum(), r.previousSelector().orElseThrow()));
                Set<NodeId> admitted = new HashSet<>();
                r.assignment().forEach((node, wave) -> {
                    if (wave <= r.currentWave()) {
                        admitted.add(node);
                    }
                });
                staged.put(r.pipelineId(), new StagedPipeline(admitted, r.currentWave() >= r.plan().lastWave(), previous));
            }
            return new EnvironmentPlan(deployed, names, staged);
        });
    }

    /** What {@code node} should run now: the deployed pipelines of its environment that its labels select. */
    public DesiredPipelines forNode(Node node) {
        return plan(node.environmentId()).desiredFor(node.id(), node.labels(), node.maintenance());
    }

    /** The config of {@code target} as its node receives it, secrets and certificates resolved. */
    public DeliveredConfig deliver(EnvironmentId environment, DesiredPipeline target) throws NotFoundFailure {
        PipelineVersion version = transactions.inTransaction(() -> pipelines.version(target.pipelineId(), target.version()))
                .orElseThrow(() -> new NotFoundFailure("Pipeline version", target.pipelineId() + " v" + target.version()));
        return render(environment, target.pipelineName(), version);
    }

    private DeliveredConfig render(EnvironmentId environment, String name, PipelineVersion version) {
        return deliverable(environment, version.pipelineId(), name, version.number(), version.graph(), version.configYaml());
    }

    /**
     * A config as a node receives it, secrets and certificates of the environment resolved, for a graph that need not be
     * a published version (a preview's draft: {@code number} 0) — the same resolution a deploy gets.
     */
    public DeliveredConfig deliverable(EnvironmentId environment, PipelineId pipelineId, String name, int number, PipelineGraph graph,
                                       String configYaml) {
        References references = References.of(graph);
        Map<String, String> values = new HashMap<>();
        secrets.resolveSecrets(environment, references.secrets()).forEach((n, v) -> values.put(n.value(), v.value()));
        Map<String, CertificateBundle> certificates = new HashMap<>();
        secrets.resolveCertificates(environment, references.certificates()).forEach((n, b) -> certificates.put(n.value(), b));
        return ConfigDelivery.build(pipelineId, name, number, LOG_LEVEL, configYaml, values, certificates);
    }
}
