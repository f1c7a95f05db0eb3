package dev.vectorflow.adapter.postgres;

import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.ports.contract.TransactionsContract;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.PersistenceFailure;
import dev.vectorflow.ports.out.persistence.Transactions;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JooqTransactionsTest extends TransactionsContract {

    @Override
    protected Transactions transactions() {
        return PostgresFleetContractStore.shared().transactions();
    }

    @Override
    protected EnvironmentRepository environments() {
        return PostgresFleetContractStore.shared().store().environments();
    }

    @Override
    protected TeamId existingTeam() {
        return ContractStores.newTeam(PostgresFleetContractStore.shared().store());
    }

    @Test
    void givenTwoUnitsOfWork_thenTheyShareOneJooqConfiguration_notOneEach() {
        JooqTransactions tx = (JooqTransactions) PostgresFleetContractStore.shared().transactions();
        DSLContext first = tx.inTransaction(tx::dsl);
        DSLContext second = tx.inTransaction(tx::dsl);
        assertThat(second.configuration()).isSameAs(first.configuration());
    }

    @Test
    void givenAFailingStatement_whenTheUnitRollsBack_thenTheNextUnitOnTheSameThreadWorks() {
        JooqTransactions tx = (JooqTransactions) PostgresFleetContractStore.shared().transactions();
        assertThatThrownBy(() -> tx.inTransaction(() -> tx.dsl().execute("select no_such_column from environments")))
                .isInstanceOf(PersistenceFailure.class).hasMessageContaining("no_such_column");
        assertThat(tx.inTransaction(() -> tx.dsl().fetchValue("select 1"))).isEqualTo(1);
        assertThatThrownBy(tx::dsl).isInstanceOf(IllegalStateException.class);
    }
}
