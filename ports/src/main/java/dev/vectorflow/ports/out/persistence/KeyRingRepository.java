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

    List<StoredKey> findAll();

    void insert(WrappedDataKey key, Instant createdAt);

    /** Makes this key the one that seals; every other key only opens. */
    void makePrimary(String keyId);

    Optional<String> canary();

    void putCanary(String envelope);
}
