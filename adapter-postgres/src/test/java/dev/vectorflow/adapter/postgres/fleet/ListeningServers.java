package dev.vectorflow.adapter.postgres.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.ports.out.fleet.FleetCache;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Servers sharing the contract database, each with its own LISTEN connection (the change-notice contracts' servers). */
final class ListeningServers implements AutoCloseable {

    private final PostgresStore store = PostgresFleetContractStore.shared().store();
    private final List<PostgresFleetChanges> servers = new ArrayList<>();

    Transactions transactions() {
        return store.transactions();
    }

    /** A new server whose notices drop entries of {@code cache}, once it listens. */
    PostgresFleetChanges listening(FleetCache cache) {
        PostgresFleetChanges server = store.fleetChanges(cache);
        servers.add(server);
        assertThat(server.awaitListening(Duration.ofSeconds(10))).as("listening").isTrue();
        return server;
    }

    @Override
    public void close() {
        servers.forEach(PostgresFleetChanges::close);
        servers.clear();
    }
}
