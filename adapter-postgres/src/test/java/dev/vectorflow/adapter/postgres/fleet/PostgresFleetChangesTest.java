package dev.vectorflow.adapter.postgres.fleet;

import dev.vectorflow.ports.contract.FleetChangesContract;
import dev.vectorflow.ports.out.fleet.FleetCache;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.persistence.Transactions;
import org.junit.jupiter.api.AfterEach;

/** The fleet change notices through LISTEN/NOTIFY: one server publishes, another one's cache receives. */
class PostgresFleetChangesTest extends FleetChangesContract {

    private final ListeningServers servers = new ListeningServers();

    @Override
    protected Transactions transactions() {
        return servers.transactions();
    }

    @Override
    protected FleetChanges publisherTo(FleetCache subscriber) {
        PostgresFleetChanges publishing = servers.listening(new Subscriber());
        servers.listening(subscriber);
        return publishing;
    }

    @AfterEach
    void stopListening() {
        servers.close();
    }
}
