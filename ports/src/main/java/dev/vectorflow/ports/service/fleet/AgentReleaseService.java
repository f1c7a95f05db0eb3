package dev.vectorflow.ports.service.fleet;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.AgentRelease;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.ports.in.fleet.ManageAgentReleasesUseCase;
import dev.vectorflow.ports.out.fleet.AgentReleaseRepository;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.node.NodeActionRepository;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import dev.vectorflow.ports.out.system.IdGenerator;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Agent releases: platform admins register builds; team admins send nodes an {@code update} action for one. */
public final class AgentReleaseService implements ManageAgentReleasesUseCase {

    private final Transactions transactions;
    private final AgentReleaseRepository releases;
    private final NodeRepository nodes;
    private final NodeActionRepository actions;
    private final EnvironmentRepository environments;
    private final FleetChanges changes;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;

    public AgentReleaseService(Transactions transactions, AgentReleaseRepository releases, NodeRepository nodes,
                               NodeActionRepository actions, EnvironmentRepository environments, FleetChanges changes, AuditLog audit,
                               IdGenerator ids, Clock clock) {
        this.transactions = transactions;
        this.releases = releases;
        this.nodes = nodes;
        this.actions = actions;
        this.environments = environments;
        this.changes = changes;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public AgentRelease register(Actor actor, AgentRelease release) throws ConflictFailure {
        AgentRelease stamped = new AgentRelease(release.version(), release.downloadUrl(), release.checksum(), release.signature(),
                release.notes(), clock.instant(), actor.label());
        try {
            return transactions.inTransaction(() -> {
                if (releases.find(stamped.version()).isPresent()) {
                    throw taken(stamped.version());
                }
                releases.insert(stamped);
                audit.append(new AuditEvent(actor, "agent_release.create", "agent_release", stamped.version(), Optional.empty(),
                        Changes.none().field("downloadUrl", null, stamped.downloadUrl()).field("checksum", null, stamped.checksum())));
                return stamped;
            });
        } catch (UniqueViolation raceLost) {
            throw taken(stamped.version());
        }
    }

    private static ConflictFailure taken(String version) {
        return ConflictFailure.onField("version", "Agent release " + version + " is registered already");
    }

    @Override
    public List<AgentRelease> releases() {
        return transactions.inTransaction(releases::findAll);
    }

    private AgentRelease release(String version) throws NotFoundFailure {
        return releases.find(version).orElseThrow(() -> new NotFoundFailure("Agent release", version));
    }

    private Environment environment(EnvironmentId id) throws NotFoundFailure {
        return environments.findById(id).orElseThrow(() -> new NotFoundFailure("Environment", id));
    }

    private String queue(Actor actor, Node node, AgentRelease release) {
        String id = ids.newId().toString();
        actions.insert(node.id(), new OneShotAction.Update(id, release.version(), release.downloadUrl(), release.checksum(), release.signature()),
                clock.instant(), actor.label());
        changes.nodeChanged(node.id());
        return id;
    }

    @Override
    public String updateNode(Actor actor, NodeId id, String version) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            AgentRelease release = release(version);
            Node node = nodes.findById(id).orElseThrow(() -> new NotFoundFailure("Node", id));
            String action = queue(actor, node, release);
            audit.append(new AuditEvent(actor, "node.update_agent", "node", id.toString(),
                    Optional.of(environment(node.environmentId()).teamId().toString()),
                    Changes.none().field("agentVersion", node.agentVersion(), release.version())));
            return action;
        });
    }

    @Override
    public int updateNodes(Actor actor, EnvironmentId environmentId, NodeSelector selector, String version) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Environment environment = environment(environmentId);
            AgentRelease release = release(version);
            int count = 0;
            for (Node node : nodes.findByEnvironment(environmentId)) {
                if (selector.matches(node.labels()) && !node.agentVersion().equals(release.version())) {
                    queue(actor, node, release);
                    count++;
                }
            }
            audit.append(new AuditEvent(actor, "environment.update_agents", "environment", environmentId.toString(),
                    Optional.of(environment.teamId().toString()), Changes.none().field("agentVersion", null, release.version())
                    .field("selector", null, selector.toString()).field("nodes", null, count)));
            return count;
        });
    }
}
