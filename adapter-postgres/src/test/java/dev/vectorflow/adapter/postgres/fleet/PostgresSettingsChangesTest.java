package dev.vectorflow.adapter.postgres.fleet;

import dev.vectorflow.ports.contract.SettingsChangesContract;
import dev.vectorflow.ports.fake.InMemoryFleetCache;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.settings.SettingsChanges;
import org.junit.jupiter.api.AfterEach;

/** The settings change notices through LISTEN/NOTIFY: one server publishes, another one reloads. */
class PostgresSettingsChangesTest extends SettingsChangesContract {

    private final ListeningServers servers = new ListeningServers();

    @Override
    protected Transactions transactions() {
        return servers.transactions();
    }

    @Override
    protected SettingsChanges publisherTo(Runnable subscriber) {
        PostgresFleetChanges publishing = servers.listening(new InMemoryFleetCache());
        servers.listening(new InMemoryFleetCache()).onSettingsChanged(subscriber);
        return publishing;
    }

    @AfterEach
    void stopListening() {
        servers.close();
    }
}
