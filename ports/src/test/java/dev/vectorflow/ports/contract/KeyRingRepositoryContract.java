package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.ports.out.persistence.KeyRingRepository;
import dev.vectorflow.ports.out.persistence.KeyRingRepository.StoredKey;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import dev.vectorflow.ports.out.security.WrappedDataKey;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KeyRingRepository} must do; run against the in-memory fake and against PostgreSQL. The ring is one per
 * store, so the tests look at their own keys among the others.
 */
public abstract class KeyRingRepositoryContract extends FleetStoreContract {

    private KeyRingRepository keyRing() {
        return store().keyRing();
    }

    private WrappedDataKey stored(Instant createdAt) {
        WrappedDataKey key = new WrappedDataKey("k-" + UUID.randomUUID().toString().substring(0, 8), "wrapped-" + UUID.randomUUID());
        inTransaction(() -> keyRing().insert(key, createdAt));
        return key;
    }

    @Test
    void insertedKeys_areListedOldestFirst_andNoneSealsUntilMadePrimary() {
        Instant base = T0.plusSeconds(3_600L * 24 * (1 + Math.abs(UUID.randomUUID().hashCode() % 10_000)));
        WrappedDataKey newer = stored(base.plusSeconds(60).plusNanos(123_456_000));
        WrappedDataKey older = stored(base);

        assertThat(inTransaction(() -> keyRing().findAll()))
                .filteredOn(k -> k.key().equals(newer) || k.key().equals(older))
                .containsExactly(new StoredKey(older, false, base), new StoredKey(newer, false, base.plusSeconds(60).plusNanos(123_456_000)));
        assertThat(inTransaction(() -> keyRing().findAll())).extracting(StoredKey::createdAt).isSorted();
    }

    @Test
    void makePrimary_makesThatKeyTheOnlyOneThatSeals() {
        WrappedDataKey first = stored(T0);
        WrappedDataKey second = stored(T0.plusSeconds(1));

        inTransaction(() -> keyRing().makePrimary(first.keyId()));
        inTransaction(() -> keyRing().makePrimary(second.keyId()));

        assertThat(inTransaction(() -> keyRing().findAll())).filteredOn(StoredKey::primary).extracting(StoredKey::key).containsExactly(second);
    }

    @Test
    void givenKeyIdTaken_insert_throwsUniqueViolationAndKeepsTheFirst() {
        WrappedDataKey first = stored(T0);

        assertThatThrownBy(() -> inTransaction(() -> keyRing().insert(new WrappedDataKey(first.keyId(), "other"), T0)))
                .isInstanceOf(UniqueViolation.class);
        assertThat(inTransaction(() -> keyRing().findAll())).extracting(StoredKey::key).filteredOn(k -> k.keyId().equals(first.keyId()))
                .containsExactly(first);
    }

    @Test
    void putCanary_storesTheCanary_andReplacesTheOneBefore() {
        String first = "vf1:canary:" + UUID.randomUUID();
        String second = "vf1:canary:" + UUID.randomUUID();

        inTransaction(() -> keyRing().putCanary(first));
        assertThat(inTransaction(() -> keyRing().canary())).contains(first);
        inTransaction(() -> keyRing().putCanary(second));
        assertThat(inTransaction(() -> keyRing().canary())).contains(second);
    }
}
