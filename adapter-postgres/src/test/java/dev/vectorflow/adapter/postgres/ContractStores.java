package dev.vectorflow.adapter.postgres;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.core.identity.Team;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.TeamName;
import java.time.Instant;
import java.util.UUID;

/** The rows the driven-port contracts need besides their own, made in a real store. */
public final class ContractStores {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private ContractStores() {
    }

    /** A new team. */
    public static TeamId newTeam(PostgresStore store) {
        Team team = new Team(new TeamId(UUID.randomUUID()), new TeamName("team-" + UUID.randomUUID()), T0, T0);
        store.transactions().inTransaction(() -> {
            store.teams().insert(team);
            return null;
        });
        return team.id();
    }

    /** A new environment of a new team. */
    public static EnvironmentId newEnvironment(PostgresStore store) {
        Environment environment = Environment.create(new EnvironmentId(UUID.randomUUID()), newTeam(store),
                new EnvironmentName("env-" + UUID.randomUUID()), "", T0);
        store.transactions().inTransaction(() -> {
            store.environments().insert(environment);
            return null;
        });
        return environment.id();
    }
}
