package dev.vectorflow.adapter.postgres.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.adapter.postgres.TestDatabases;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.identity.Team;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.TeamName;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.util.function.Supplier;

/** The write-behind writer on a real PostgreSQL: what one node sends wrong never costs another node its heartbeat. */
class PostgresHeartbeatWriterTest {

    private static PostgresStore store;
    private static EnvironmentId environment;
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @BeforeAll
    static void openStore() {
        store = TestDatabases.freshStore();
        Team team = new Team(new TeamId(UUID.randomUUID()), new TeamName("fleet"), NOW, NOW);
        Environment env = new Environment(new EnvironmentId(UUID.randomUUID()), team.id(), new EnvironmentName("prod"), "", NOW, NOW);
        store.transactions().inTransaction(() -> {
            store.teams().insert(team);
            store.environments().insert(env);
            return null;
        });
        environment = env.id();
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    private static NodeId node(String hostname) {
        NodeId id = new NodeId(UUID.randomUUID());
        Node node = new Node(id, environment, hostname, "linux/amd64", "1.0.0", "vector 0.57.0", "STANDALONE", Labels.of(Map.of()),
                Labels.of(Map.of()), false, NodeStatus.HEALTHY, "", NOW, Optional.empty(), false, "");
        store.transactions().inTransaction(() -> {
            store.nodes().insert(node, id.toString().replace("-", "").substring(0, 16), "0".repeat(64));
            return null;
        });
        return id;
    }

    private static HeartbeatWrite heartbeat(NodeId node, PipelineId pipeline, String logLine) {
        return new HeartbeatWrite(node, NOW, NodeStatus.HEALTHY, "heartbeat", Optional.empty(),
                List.of(new HeartbeatWrite.PipelineState(pipeline, 2, "c".repeat(64), PipelineRunStatus.RUNNING, 42L, Optional.of(NOW), "")),
                Optional.empty(), List.of(new HeartbeatWrite.LogLine(pipeline, NOW, logLine)), List.of(), List.of(), Optional.empty());
    }

    private static <T> T read(Supplier<T> query) {
        return store.transactions().inTransaction(query::get);
    }

    @Test
    void aRowPostgresRefuses_dropsOnlyItsOwnHeartbeat_theOthersOfTheFlushAreWritten_andTheDropIsReported() {
        NodeId bad = node("bad");
        NodeId good = node("good");
        PipelineId pipeline = new PipelineId(UUID.randomUUID());
        List<Set<NodeId>> reported = new CopyOnWriteArrayList<>();
        try (PostgresHeartbeatWriter writer = store.telemetryWriter(100, 60_000)) {
            writer.whenDropped(reported::add);
            // a NUL in text is the classic: PostgreSQL refuses it, and before it failed the whole flush
            assertThat(writer.offer(heartbeat(bad, pipeline, "nul \u0000 here"))).isTrue();
            assertThat(writer.offer(heartbeat(good, pipeline, "fine"))).isTrue();

            writer.flush();

            assertThat(read(() -> store.telemetry().pipelineStates(good))).singleElement()
                    .satisfies(s -> assertThat(s.status()).isEqualTo(PipelineRunStatus.RUNNING.name()));
            assertThat(read(() -> store.telemetry().logs(good, Optional.empty(), 0, 10))).extracting(l -> l.line()).containsExactly("fine");
            assertThat(read(() -> store.telemetry().pipelineStates(bad))).isEmpty();
            assertThat(reported).containsExactly(Set.of(bad));
            assertThat(writer.stats().failed()).isEqualTo(1);
            assertThat(writer.stats().written()).isEqualTo(1);
        }
    }
}
