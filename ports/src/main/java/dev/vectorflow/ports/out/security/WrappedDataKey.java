package dev.vectorflow.ports.out.security;

import java.util.Objects;

/**
 * A data key of the key ring as stored: its id and the key material sealed by the master key
 * (never the raw key).
 */
public record WrappedDataKey(String keyId, String wrappedKey) {

    public WrappedDataKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(wrappedKey, "wrappedKey");
    }

    @Override
    public String toString() {
        return "WrappedDataKey[" + keyId + "]";
    }
}
