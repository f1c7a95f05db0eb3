package dev.vectorflow.adapter.postgres;

import static dev.vectorflow.adapter.postgres.fleet.FleetRows.utc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.contract.FleetContractStore;
import dev.vectorflow.ports.contract.FleetStoreContract;
import dev.vectorflow.ports.out.alert.AlertInputs;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** The alert rules' reads on PostgreSQL: each one query over all the environments or pipelines asked for. */
class PostgresAlertInputsTest extends FleetStoreContract {

    private final PostgresStore postgres = PostgresFleetContractStore.shared().store();
    private final AlertInputs inputs = postgres.alertInputs();

    @Override
    protected FleetContractStore store() {
        return PostgresFleetContractStore.shared();
    }

    private void sql(String statement, Object... binds) {
        JooqTransactions tx = (JooqTransactions) postgres.transactions();
        tx.inTransaction(() -> {
            DSLContext dsl = tx.dsl();
            return dsl.execute(statement, binds);
        });
    }

    private <T> T read(java.util.function.Supplier<T> read) {
        return inTransaction(read);
    }

    @Test
    void theReportedStates_ofTheNodesOfTheEnvironmentsAskedFor_areReadTogether() {
        EnvironmentId prod = newEnvironment();
        EnvironmentId other = newEnvironment();
        Node web1 = newNode(prod, "web-1");
        Node elsewhere = newNode(other, "x-1");
        PipelineId pipeline = newPipeline(prod, 1);
        for (Node n : List.of(web1, elsewhere)) {
            sql("insert into node_pipeline_states (node_id, pipeline_id, version, checksum, status, error, updated_at) values (?, ?, 1, 'c', 'RUNNING',"
                    + " '', now())", n.id().value(), pipeline.value());
        }

        assertThat(read(() -> inputs.reportedStates(Set.of(prod)))).containsExactly(new AlertInputs.ReportedState(prod, web1.id(), pipeline, 1,
                "RUNNING"));
    }

    @Test
    void theLastSettledAgentUpdate_ofEachNode_isRead_andPendingOnesAreNot() {
        EnvironmentId prod = newEnvironment();
        Node web1 = newNode(prod, "web-1");
        Node web2 = newNode(prod, "web-2");
        inTransaction(() -> {
            store().nodeActions().insert(web1.id(), new OneShotAction.Update("u1", "1.1.0", "https://x/a", "sha256:00", "sig"), T0, "ann");
            store().nodeActions().insert(web1.id(), new OneShotAction.Update("u2", "1.2.0", "https://x/a", "sha256:00", "sig"), T0.plusSeconds(60), "ann");
            store().nodeActions().insert(web1.id(), new OneShotAction.Update("u3", "1.3.0", "https://x/a", "sha256:00", "sig"), T0.plusSeconds(120), "ann");
            store().nodeActions().insert(web2.id(), new OneShotAction.Update("u4", "1.2.0", "https://x/a", "sha256:00", "sig"), T0, "ann");
        });
        sql("update node_actions set settled_at = ?, result_status = 'SUCCEEDED', result_message = '' where node_id = ? and id = 'u1'",
                utc(T0.plusSeconds(10)), web1.id().value());
        sql("update node_actions set settled_at = ?, result_status = 'FAILED', result_message = 'checksum mismatch' where node_id = ? and id = 'u2'",
                utc(T0.plusSeconds(70)), web1.id().value());

        assertThat(read(() -> inputs.lastAgentUpdates(Set.of(prod)))).containsExactly(new AlertInputs.AgentUpdate(prod, web1.id(), "1.2.0", "FAILED",
                "checksum mismatch", T0.plusSeconds(70)));
    }

    @Test
    void logLines_betweenTwoSequenceNumbers_areReadAtMostTheNewestNPerNode_oldestFirst() {
        EnvironmentId prod = newEnvironment();
        Node web1 = newNode(prod, "web-1");
        Node web2 = newNode(prod, "web-2");
        PipelineId pipeline = newPipeline(prod, 1);
        long before = read(inputs::lastLogSeq);
        for (int i = 0; i < 5; i++) {
            sql("insert into node_logs (node_id, pipeline_id, at, line) values (?, ?, now(), ?)", web1.id().value(), pipeline.value(), "a" + i);
        }
        sql("insert into node_logs (node_id, pipeline_id, at, line) values (?, ?, now(), 'b0')", web2.id().value(), pipeline.value());
        long upTo = read(inputs::lastLogSeq);
        sql("insert into node_logs (node_id, pipeline_id, at, line) values (?, ?, now(), 'late')", web2.id().value(), pipeline.value());

        // other tests write log lines into the same database at the same time: the sequence moves by at least our six
        assertThat(upTo - before).isGreaterThanOrEqualTo(6);
        assertThat(read(() -> inputs.logsBetween(Set.of(prod), before, upTo, 3))).extracting(AlertInputs.LogLine::line)
                .containsExactly("a2", "a3", "a4", "b0");
    }

    @Test
    void theMinuteRollups_ofThePipelinesAskedFor_inTheWindow_areSummedPerComponentAndMinute() {
        PipelineId logs = newPipeline(newEnvironment(), 1);
        PipelineId other = newPipeline(newEnvironment(), 1);
        for (PipelineId p : List.of(logs, logs, other)) {
            sql("insert into component_metrics_minute (pipeline_id, component_id, component_kind, at, events_in, events_out, bytes_in, bytes_out,"
                    + " errors, discarded) values (?, 'in', 'source', ?, 10, 5, 0, 0, 0, 0)", p.value(), utc(T0));
        }
        sql("insert into component_metrics_minute (pipeline_id, component_id, component_kind, at, events_in, events_out, bytes_in, bytes_out,"
                + " errors, discarded) values (?, 'in', 'source', ?, 99, 99, 0, 0, 0, 0)", logs.value(), utc(T0.plus(Duration.ofMinutes(5))));

        assertThat(read(() -> inputs.componentMinutes(Set.of(logs), T0, T0.plus(Duration.ofMinutes(5))))).containsExactly(
                new AlertInputs.ComponentMinuteTotals(logs, "in", "source", T0, 20, 10));
    }
}
