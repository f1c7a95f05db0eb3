package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link Transactions} must do, seen through the environments it stores; run in memory and on PostgreSQL. */
public abstract class TransactionsContract {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    protected abstract Transactions transactions();

    protected abstract EnvironmentRepository environments();

    /** A team that exists in the store. */
    protected abstract TeamId existingTeam();

    private Environment environment() {
        return Environment.create(new EnvironmentId(UUID.randomUUID()), existingTeam(), new EnvironmentName("env-" + UUID.randomUUID()), "", T0);
    }

    private boolean stored(Environment environment) {
        return transactions().inTransaction(() -> environments().findById(environment.id())).isPresent();
    }

    @Test
    void workThatCompletes_isCommitted_andItsValueReturned() {
        Environment environment = environment();

        String answer = transactions().inTransaction(() -> {
            environments().insert(environment);
            return "done";
        });

        assertThat(answer).isEqualTo("done");
        assertThat(stored(environment)).isTrue();
    }

    @Test
    void workThatThrows_leavesNothing_andItsFailureComesOutUnchanged() {
        Environment environment = environment();
        NotFoundFailure failure = new NotFoundFailure("Team", "x");
        IllegalStateException bug = new IllegalStateException("bug");

        assertThatThrownBy(() -> transactions().inTransaction(() -> {
            environments().insert(environment);
            throw failure;
        })).isSameAs(failure);
        assertThatThrownBy(() -> transactions().inTransaction(() -> {
            environments().insert(environment);
            throw bug;
        })).isSameAs(bug);
        assertThat(stored(environment)).isFalse();
    }

    @Test
    void aNestedUnitOfWork_joinsTheOuterOne_andFallsWithIt() {
        Environment inner = environment();

        assertThatThrownBy(() -> transactions().inTransaction(() -> {
            transactions().inTransaction(() -> {
                environments().insert(inner);
                return null;
            });
            throw new IllegalStateException("outer fails after the inner work");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(stored(inner)).isFalse();
    }
}
