package dev.vectorflow.adapter.postgres.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.ports.contract.SettingsChangesContract;
import dev.vectorflow.ports.fake.InMemoryFleetCache;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.settings.SettingsChanges;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The settings change notices through LISTEN/NOTIFY: one server publishes, another one reloads. */
class PostgresSettingsChangesTest extends SettingsChangesContract {

    private final PostgresStore store = PostgresFleetContractStore.shared().store();
    private final List<PostgresFleetChanges> servers = new ArrayList<>();

    @Override
    protected Transactions transactions() {
        return store.transactions();
    }

    @Override
    protected SettingsChanges publisherTo(Runnable subscriber) {
        PostgresFleetChanges publishing = listening();
        listening().onSettingsChanged(subscriber);
        return publishing;
    }

    private PostgresFleetChanges listening() {
        PostgresFleetChanges server = store.fleetChanges(new InMemoryFleetCache());
        servers.add(server);
        assertThat(server.awaitListening(Duration.ofSeconds(10))).as("listening").isTrue();
        return server;
    }

    @AfterEach
    void stopListening() {
        servers.forEach(PostgresFleetChanges::close);
    }
}
