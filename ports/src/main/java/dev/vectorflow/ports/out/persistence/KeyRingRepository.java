package dev.vectorflow.ports.out.persistence;

import dev.vectorflow.ports.out.security.WrappedDataKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Driven port: the data keys of the key ring (wrapped by the master key) and the canary that proves the master key. */
public interface KeyRingRepository {

    /** A stored data key: wrapped material, whether it seals new values, when it was made. */
    record StoredKey(WrappedDataKey key, boolean primary, Instant createdAt) {
    }

    /** Every data key, oldest first. */
    List<StoredKey> findAll();

    /**
     * Stores a key that only opens until {@link #makePrimary} picks it.
     *
     * @throws UniqueViolation when the key id is taken
     */
    void insert(WrappedDataKey key, Instant createdAt);

    /** Makes this key the one that seals; every other key only opens. */
    void makePrimary(String keyId);

    Optional<String> canary();

    /** Stores the canary, replacing the one before. */
    void putCanary(String envelope);
}
