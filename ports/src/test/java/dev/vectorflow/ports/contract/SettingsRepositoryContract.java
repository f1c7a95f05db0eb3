package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.ports.out.settings.SettingsRepository;
import dev.vectorflow.ports.out.settings.SettingsRepository.StoredSetting;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link SettingsRepository} must do; run against the in-memory fake and against PostgreSQL. */
public abstract class SettingsRepositoryContract extends FleetStoreContract {

    private final String prefix = "contract." + UUID.randomUUID().toString().substring(0, 8) + ".";

    private SettingsRepository settings() {
        return store().settings();
    }

    @Test
    void aStoredSetting_isFoundAmongAll_andReplacedByTheNextPut() {
        StoredSetting first = new StoredSetting("30s", T0.plusNanos(123_456_000), "user:ann@example.test");
        StoredSetting second = new StoredSetting("vf1:key:sealed", T0.plusSeconds(60), "cli");

        inTransaction(() -> settings().put(prefix + "poll", first));
        assertThat(inTransaction(() -> settings().findAll())).containsEntry(prefix + "poll", first);
        inTransaction(() -> settings().put(prefix + "poll", second));
        assertThat(inTransaction(() -> settings().findAll())).containsEntry(prefix + "poll", second);
    }

    @Test
    void delete_removesOnlyThatSetting_andReportsWhetherOneWasStored() {
        StoredSetting value = new StoredSetting("", T0, "cli");
        inTransaction(() -> {
            settings().put(prefix + "gone", value);
            settings().put(prefix + "kept", value);
        });

        assertThat(inTransaction(() -> settings().delete(prefix + "gone"))).isTrue();
        assertThat(inTransaction(() -> settings().delete(prefix + "gone"))).isFalse();
        assertThat(inTransaction(() -> settings().delete(prefix + "never"))).isFalse();
        assertThat(inTransaction(() -> settings().findAll())).doesNotContainKey(prefix + "gone").containsEntry(prefix + "kept", value);
    }

    @Test
    void givenWorkThatThrows_inTransaction_keepsTheValueStoredBefore() {
        StoredSetting before = new StoredSetting("before", T0, "cli");
        inTransaction(() -> settings().put(prefix + "rolled", before));

        assertThatThrownBy(() -> inTransaction(() -> {
            settings().put(prefix + "rolled", new StoredSetting("after", T0, "cli"));
            settings().put(prefix + "new", before);
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(inTransaction(() -> settings().findAll())).containsEntry(prefix + "rolled", before).doesNotContainKey(prefix + "new");
    }
}
