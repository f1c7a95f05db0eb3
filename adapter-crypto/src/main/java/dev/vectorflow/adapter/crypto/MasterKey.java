package dev.vectorflow.adapter.crypto;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * The 32-byte master key of the key ring and where it came from: the {@code VF_MASTER_KEY} value
 * (no file) or a key file, possibly {@code created} just now. Never printed.
 *
 * @param bytes the key; copied in and out
 * @param file the key file it was read from or written to; empty when it came from {@code VF_MASTER_KEY}
 * @param created true when the key was generated and written to {@code file} by this start, so the
 *     operator must back the file up
 */
public record MasterKey(byte[] bytes, Optional<Path> file, boolean created) {

    /** Length of a master key in bytes (AES-256). */
    public static final int LENGTH = 32;

    public MasterKey {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("'bytes' must be " + LENGTH + " bytes but was " + bytes.length + " bytes");
        }
        bytes = bytes.clone();
        Objects.requireNonNull(file, "file");
        if (created && file.isEmpty()) {
            throw new IllegalArgumentException("'created' needs the 'file' the key was written to");
        }
    }

    /** A copy of the key bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MasterKey that
                && MessageDigest.isEqual(bytes, that.bytes)
                && file.equals(that.file)
                && created == that.created;
    }

    @Override
    public int hashCode() {
        // Leaves the key out on purpose: a hash code is no place for anything derived from it.
        return Objects.hash(file, created);
    }

    @Override
    public String toString() {
        return file.map(path -> "MasterKey[file=" + path + (created ? ", created" : "") + "]")
                .orElse("MasterKey[from " + MasterKeySource.ENVIRONMENT_VARIABLE + "]");
    }
}
