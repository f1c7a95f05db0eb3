package dev.vectorflow.adapter.postgres.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.adapter.postgres.ContractStores;
import dev.vectorflow.adapter.postgres.DatabaseSettings;
import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.adapter.postgres.TestDatabases;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The triggers that keep node_labels in step with nodes.labels, on a database whose node_labels was never analyzed. */
class NodeLabelsTriggerTest {

    private static final int NODES = 300;
    private static final int OTHERS = 3_000;

    private static Node node(EnvironmentId environment, String hostname, Labels agentLabels, Instant now) {
        return new Node(new NodeId(UUID.randomUUID()), environment, hostname, "linux", "1.0.0", "0.57.0", "UNKNOWN", agentLabels, Labels.NONE,
                false, NodeStatus.HEALTHY, "enrolled", now, Optional.of(now), false, "");
    }

    private static Connection connect(DatabaseSettings settings) throws java.sql.SQLException {
        return DriverManager.getConnection(settings.jdbcUrl().orElseThrow(), settings.user().orElse(null), settings.password().orElse(null));
    }

    @Test
    void givenANewDatabase_whenOneStatementChangesTheLabelsOfManyNodes_eachNodesRowsAreFoundByTheirKey_andTheTableIsNeverScanned()
            throws Exception {
        DatabaseSettings settings = TestDatabases.freshDatabase();
        try (PostgresStore store = PostgresStore.open(settings, true)) {
            EnvironmentId environment = ContractStores.newEnvironment(store);
            Instant now = Instant.parse("2026-12-07T12:00:00Z");
            try (Connection c = connect(settings); Statement s = c.createStatement()) {
                // the planner's view of node_labels taken while it was nearly empty, as autovacuum takes it early in a mass
                // enrolment; then it fills (other nodes' labels) and the statistics lag behind
                s.execute("analyze node_labels");
            }
            store.transactions().inTransaction(() -> {
                for (int i = 0; i < OTHERS; i++) {
                    store.nodes().insert(node(environment, "other-" + i, Labels.of(Map.of("rack", "r" + i, "zone", "eu")), now), "other" + i,
                            "hash" + i);
                }
                return null;
            });
            store.transactions().inTransaction(() -> {
                for (int i = 0; i < NODES; i++) {
                    store.nodes().insert(node(environment, "node-" + i, Labels.NONE, now), "lookup" + i, "hash" + i);
                }
                return null;
            });

            try (Connection c = connect(settings)) {
                c.setAutoCommit(false);
                // as the heartbeat facts writer does for the first facts of new nodes (enrolled without labels, so node_labels
                // is empty when the trigger's plans are made): one statement for all of them, then their labels change again
                for (String labels : new String[] {"{\"zone\":\"eu\"}", "{\"zone\":\"us\",\"bench\":\"yes\"}"}) {
                    try (PreparedStatement update = c.prepareStatement("update nodes set agent_labels = ? where environment_id = ? and hostname like 'node-%'")) {
                        update.setString(1, labels);
                        update.setObject(2, environment.value());
                        assertThat(update.executeUpdate()).isEqualTo(NODES);
                    }
                }
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select seq_scan, idx_scan from pg_stat_xact_user_tables where relname = 'node_labels'")) {
                    rs.next();
                    assertThat(rs.getLong("seq_scan")).as("scans of the whole of node_labels in the statement (one a node made it quadratic)")
                            .isZero();
                    assertThat(rs.getLong("idx_scan")).as("one look-up by key per old label").isGreaterThanOrEqualTo(NODES);
                }
                c.commit();
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select key || '=' || value as label, count(*) from node_labels l join nodes n"
                             + " on n.id = l.node_id where n.hostname like 'node-%' group by 1 order by 1")) {
                    StringBuilder labels = new StringBuilder();
                    while (rs.next()) {
                        labels.append(rs.getString(1)).append(':').append(rs.getLong(2)).append(' ');
                    }
                    assertThat(labels.toString().strip()).isEqualTo("bench=yes:" + NODES + " zone=us:" + NODES);
                }
            }
        }
    }
}
