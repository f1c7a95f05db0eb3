package dev.vectorflow.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.fake.InMemoryTransactions;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one place a lost race on a unique name becomes the same conflict as a name found taken. */
class UniqueNamesTest {

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final List<String> stored = new ArrayList<>();
    private final ConflictFailure taken = ConflictFailure.onField("name", "taken");

    {
        transactions.register(new InMemoryTransactions.Participant() {
            @Override
            public Object snapshot() {
                return List.copyOf(stored);
            }

            @Override
            @SuppressWarnings("unchecked")
            public void restore(Object snapshot) {
                stored.clear();
                stored.addAll((List<String>) snapshot);
            }
        });
    }

    @Test
    void givenTheDatabaseRefusesTheName_theClaimEndsAsTheConflict_andTheUnitOfWorkIsRolledBack() {
        assertThatThrownBy(() -> UniqueNames.claim(transactions, () -> taken, () -> {
            stored.add("audit entry");
            throw new UniqueViolation("duplicate key", null);
        })).isSameAs(taken);
        assertThat(stored).isEmpty();
    }

    @Test
    void aConflictOrAMissingThingFoundByTheWork_passesUnchanged() {
        ConflictFailure found = ConflictFailure.onField("name", "found taken");
        NotFoundFailure missing = new NotFoundFailure("Team", "x");

        assertThatThrownBy(() -> UniqueNames.claimWithin(transactions, () -> taken, () -> {
            throw found;
        })).isSameAs(found);
        assertThatThrownBy(() -> UniqueNames.claimWithin(transactions, () -> taken, () -> {
            throw missing;
        })).isSameAs(missing);
        assertThatThrownBy(() -> UniqueNames.claimWithin(transactions, () -> taken, () -> {
            throw new UniqueViolation("duplicate key", null);
        })).isSameAs(taken);
    }

    @Test
    void aClaimThatWins_returnsWhatTheWorkMade() throws Exception {
        assertThat(UniqueNames.claim(transactions, () -> taken, () -> {
            stored.add("row");
            return "made";
        })).isEqualTo("made");
        assertThat(stored).containsExactly("row");
    }
}
