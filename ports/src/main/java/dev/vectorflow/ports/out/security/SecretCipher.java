package dev.vectorflow.ports.out.security;

import java.util.List;

/**
 * Driven port: envelope encryption with AES-256-GCM. A master key (outside the database) wraps
 * data keys (stored in the database, see {@link WrappedDataKey}); values are sealed with the
 * primary data key. Each envelope names the data key that sealed it, and is bound to a context
 * string (e.g. {@code secret:<environment id>:<name>}) so a sealed value cannot be moved to
 * another row.
 */
public interface SecretCipher {

    /** Generates a new random 256-bit data key, wrapped with the master key. Does not load it. */
    WrappedDataKey newDataKey();

    /**
     * Unwraps {@code keys} with the master key and makes them the loaded ring, {@code primaryKeyId}
     * sealing from now on. Replaces what was loaded before.
     *
     * @throws KeyRingFailure when the master key cannot open one of them, or the primary is not among them
     */
    void load(List<WrappedDataKey> keys, String primaryKeyId);

    /** Seals {@code plaintext} with the primary data key; the envelope is printable ASCII. */
    String seal(byte[] plaintext, String context);

    /**
     * Opens an envelope made by {@link #seal} with the same context.
     *
     * @throws UnknownKeyFailure when its data key is not loaded
     * @throws KeyRingFailure when it is tampered with or the context differs
     */
    byte[] open(String envelope, String context);

    /** The id of the data key that sealed {@code envelope}. */
    String keyIdOf(String envelope);

    /** The id of the primary data key; fails when nothing is loaded. */
    String primaryKeyId();
}
