package dev.vectorflow.adapter.postgres.environment;

import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.adapter.postgres.TestDatabases;
import dev.vectorflow.core.identity.Team;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.TeamName;
import dev.vectorflow.ports.contract.EnvironmentRepositoryContract;
import java.time.Instant;
import java.util.UUID;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresEnvironmentRepositoryTest extends EnvironmentRepositoryContract {

    private static PostgresStore store;

    @BeforeAll
    static void openStore() {
        store = TestDatabases.freshStore();
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @Override
    protected void clear() {
        store.transactions().inTransaction(() -> {
            // the repository has no "delete all"; remove rows through the same unit of work
            store.environments().findAll().forEach(e -> store.environments().delete(e.id()));
            return null;
        });
    }

    @Override
    protected TeamId existingTeam(String name) {
        Team team = new Team(new TeamId(UUID.randomUUID()), new TeamName(name), Instant.now(), Instant.now());
        store.transactions().inTransaction(() -> { store.teams().insert(team); return null; });
        return team.id();
    }

    @Override
    protected EnvironmentRepository repository() {
        return store.environments();
    }

    @Override
    protected Transactions transactions() {
        return store.transactions();
    }
}
