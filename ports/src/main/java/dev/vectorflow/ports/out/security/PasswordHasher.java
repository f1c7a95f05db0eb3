package dev.vectorflow.ports.out.security;

import dev.vectorflow.core.identity.Password;

/**
 * Driven port: one-way password hashing (Argon2id). The encoded hash carries its algorithm and
 * parameters, so parameters can be raised later and old hashes still verify.
 */
public interface PasswordHasher {

    /** A new salted hash of {@code password}, in PHC string format ({@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}). */
    String hash(Password password);

    /** True when {@code password} matches {@code encodedHash}; false for a wrong password or an unreadable hash. */
    boolean matches(Password password, String encodedHash);

    /** True when {@code encodedHash} was made with weaker parameters than the current ones. */
    boolean needsRehash(String encodedHash);
}
