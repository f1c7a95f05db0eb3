package dev.vectorflow.ports.out.identity;

/** Driven port: the RFC 6238 time-based one-time password of a secret for one 30-second step (HMAC-SHA1, 6 digits). */
public interface TotpAlgorithm {

    /** The 6-digit code (0-999999) of {@code secret} at {@code timeStep} (seconds since the epoch / 30). */
    int code(byte[] secret, long timeStep);
}
