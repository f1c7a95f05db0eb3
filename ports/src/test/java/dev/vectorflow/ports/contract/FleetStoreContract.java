package dev.vectorflow.ports.contract;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.PersonName;
import dev.vectorflow.core.identity.Team;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.TeamName;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineName;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the fleet's contracts need of a store besides the port under test: a unit of work, and rows the port's rows point
 * at (an environment with its team, nodes, pipelines with versions). Every test makes its own environment, so the
 * contracts also hold on a store other tests write to.
 */
public abstract class FleetStoreContract {

    /** Whole seconds: every store keeps at least that precision. */
    protected static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** The store under test; each test class gives the same one to all its tests. */
    protected abstract FleetContractStore store();

    protected Transactions transactions() {
        return store().transactions();
    }

    protected EnvironmentId newEnvironment() {
        return store().newEnvironment();
    }

    protected NodeRepository nodeStore() {
        return store().nodes();
    }

    protected PipelineRepository pipelineStore() {
        return store().pipelines();
    }

    protected <T> T inTransaction(Supplier<T> work) {
        return transactions().inTransaction(work::get);
    }

    protected void inTransaction(Runnable work) {
        transactions().inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /** A random 16-hex-digit token lookup id. */
    protected static String lookup() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    protected static String hash(String of) {
        return HexFormat.of().formatHex(of.getBytes()).concat("0".repeat(64)).substring(0, 64);
    }

    protected static Node node(EnvironmentId environment, String hostname, Labels agentLabels, Labels userLabels) {
        return new Node(new NodeId(UUID.randomUUID()), environment, hostname, "linux/amd64", "1.0.0", "0.57.0", "STANDALONE", agentLabels,
                userLabels, false, NodeStatus.HEALTHY, "enrolled", T0, Optional.of(T0), false, "");
    }

    /** A stored node of the environment. */
    protected Node newNode(EnvironmentId environment, String hostname) {
        Node node = node(environment, hostname, Labels.NONE, Labels.NONE);
        inTransaction(() -> nodeStore().insert(node, lookup(), hash(hostname)));
        return node;
    }

    /** A stored pipeline of the environment with versions 1 to {@code versions}. */
    protected PipelineId newPipeline(EnvironmentId environment, int versions) {
        Pipeline pipeline = new Pipeline(new PipelineId(UUID.randomUUID()), environment, new PipelineName("p-" + UUID.randomUUID()), "",
                PipelineGraph.of(List.of(), List.of()), "test", T0, "test", T0);
        inTransaction(() -> {
            pipelineStore().insert(pipeline);
            for (int n = 1; n <= versions; n++) {
                String yaml = "# version " + n + "\n";
                pipelineStore().insertVersion(new PipelineVersion(pipeline.id(), n, pipeline.draft(), yaml, PipelineVersion.checksumOf(yaml), "test",
                        "", T0, Optional.empty()));
            }
        });
        return pipeline.id();
    }

    /** A user no other test has: the e-mail address is {@code <prefix>-<random>@example.test}. */
    protected static User user(String prefix) {
        return User.create(new UserId(UUID.randomUUID()), new Email(prefix + "-" + UUID.randomUUID() + "@example.test"),
                new PersonName("Ann " + prefix), "hash-of-" + prefix, false, T0);
    }

    /** A stored user. */
    protected User newUser() {
        User user = user("user");
        inTransaction(() -> store().users().insert(user));
        return user;
    }

    /** A team no other test has: its name is {@code <prefix> <random>}. */
    protected static Team team(String prefix) {
        return new Team(new TeamId(UUID.randomUUID()), new TeamName(prefix + " " + UUID.randomUUID()), T0, T0);
    }

    /** A stored team. */
    protected Team newTeam() {
        Team team = team("team");
        inTransaction(() -> store().teams().insert(team));
        return team;
    }
}
