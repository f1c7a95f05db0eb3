package dev.vectorflow.ports.out.persistence;

import java.time.Instant;

/** Driven port: the hashes of one-time links that create the first platform admin. */
public interface SetupTokenRepository {

    void insert(String tokenHash, Instant expiresAt);

    /** True when such a token exists and expires after {@code now}. */
    boolean isValid(String tokenHash, Instant now);

    void deleteAll();
}
