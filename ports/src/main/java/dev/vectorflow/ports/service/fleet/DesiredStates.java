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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployed pipelines of an environment with the checksum each node must end up running (cached until a deploy,
 * an undeploy, a pipeline or a secret of the environment changes), and the config delivered for one of them.
 */
public final class DesiredStates {

    static final String LOG_LEVEL = "info";

    private final Transactions transactions;
    private final DeploymentRepository deployments;
    private final PipelineRepository pipelines;
    private final ResolveSecretsUseCase secrets;
    private final FleetCache cache;

    public DesiredStates(Transactions transactions, DeploymentRepository deployments, PipelineRepository pipelines,
                         ResolveSecretsUseCase secrets, FleetCache cache) {
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
            return new EnvironmentPlan(deployed, names);
        });
    }

    /** What {@code node} should run now: the deployed pipelines of its environment that its labels select. */
    public DesiredPipelines forNode(Node node) {
        return DesiredPipelines.forNode(node.labels(), node.maintenance(), plan(node.environmentId()).deployed());
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
