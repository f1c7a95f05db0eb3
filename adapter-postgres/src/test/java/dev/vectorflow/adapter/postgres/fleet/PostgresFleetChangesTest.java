package dev.vectorflow.adapter.postgres.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.ports.contract.FleetChangesContract;
import dev.vectorflow.ports.out.fleet.FleetCache;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The fleet change notices through LISTEN/NOTIFY: one server publishes, another one's cache receives. */
class PostgresFleetChangesTest extends FleetChangesContract {

    private final PostgresStore store = PostgresFleetContractStore.shared().store();
    private final List<PostgresFleetChanges> servers = new ArrayList<>();

    @Override
    protected Transactions transactions() {
        return store.transactions();
    }

    @Override
    protected FleetChanges publisherTo(FleetCache subscriber) {
        PostgresFleetChanges publishing = listening(new Subscriber());
        listening(subscriber);
        return publishing;
    }

    private PostgresFleetChanges listening(FleetCache cache) {
        PostgresFleetChanges server = store.fleetChanges(cache);
        servers.add(server);
        assertThat(server.awaitListening(Duration.ofSeconds(10))).as("listening").isTrue();
        return server;
    }

    @AfterEach
    void stopListening() {
        servers.forEach(PostgresFleetChanges::close);
    }
}
