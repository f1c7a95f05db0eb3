package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.out.persistence.KeyRingRepository;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import dev.vectorflow.ports.out.security.WrappedDataKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Fake of {@link KeyRingRepository} over a list (several "servers" may share one); key ids are unique. */
public final class InMemoryKeyRingRepository implements KeyRingRepository {

    private final List<StoredKey> keys = new ArrayList<>();
    private String canary;

    @Override
    public List<StoredKey> findAll() {
        return keys.stream().sorted(Comparator.comparing(StoredKey::createdAt)).toList();
    }

    @Override
    public void insert(WrappedDataKey key, Instant createdAt) {
        if (keys.stream().anyMatch(k -> k.key().keyId().equals(key.keyId()))) {
            throw new UniqueViolation("key id taken", null);
        }
        keys.add(new StoredKey(key, false, createdAt));
    }

    @Override
    public void makePrimary(String keyId) {
        keys.replaceAll(k -> new StoredKey(k.key(), k.key().keyId().equals(keyId), k.createdAt()));
    }

    @Override
    public Optional<String> canary() {
        return Optional.ofNullable(canary);
    }

    @Override
    public void putCanary(String envelope) {
        canary = envelope;
    }
}
