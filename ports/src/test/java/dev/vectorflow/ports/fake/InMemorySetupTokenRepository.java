package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.out.persistence.SetupTokenRepository;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fake of {@link SetupTokenRepository}: the expiry of each token hash, in a map. */
public final class InMemorySetupTokenRepository implements SetupTokenRepository, InMemoryTransactions.Participant {

    private Map<String, Instant> expiries = new LinkedHashMap<>();

    @Override
    public void insert(String tokenHash, Instant expiresAt) {
        expiries.put(tokenHash, expiresAt);
    }

    @Override
    public boolean isValid(String tokenHash, Instant now) {
        Instant expiresAt = expiries.get(tokenHash);
        return expiresAt != null && expiresAt.isAfter(now);
    }

    @Override
    public void deleteAll() {
        expiries.clear();
    }

    @Override
    public Object snapshot() {
        return new LinkedHashMap<>(expiries);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        expiries = new LinkedHashMap<>((Map<String, Instant>) snapshot);
    }
}
