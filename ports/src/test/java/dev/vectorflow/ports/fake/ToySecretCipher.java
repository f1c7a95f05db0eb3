package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.out.security.KeyRingFailure;
import dev.vectorflow.ports.out.security.SecretCipher;
import dev.vectorflow.ports.out.security.UnknownKeyFailure;
import dev.vectorflow.ports.out.security.WrappedDataKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Stand-in of {@link SecretCipher} that hides nothing but keeps its rules: a data key opens only under the master key that
 * wrapped it, an envelope names its key and opens only with its context and unchanged (a checksum stands in for the tag), and
 * only loaded keys open anything.
 */
public final class ToySecretCipher implements SecretCipher {

    private final String masterKey;
    private final Set<String> loaded = new HashSet<>();
    private String primary;
    private int made;

    public ToySecretCipher(String masterKey) {
        this.masterKey = masterKey;
    }

    @Override
    public WrappedDataKey newDataKey() {
        made++;
        String id = masterKey + "-key-" + made + "-" + System.identityHashCode(this);
        return new WrappedDataKey(id, "wrapped-by:" + masterKey);
    }

    @Override
    public void load(List<WrappedDataKey> keys, String primaryKeyId) {
        for (WrappedDataKey key : keys) {
            if (!key.wrappedKey().equals("wrapped-by:" + masterKey)) {
                throw new KeyRingFailure("data key " + key.keyId() + " was wrapped by another master key");
            }
        }
        if (keys.stream().map(WrappedDataKey::keyId).distinct().count() != keys.size()) {
            throw new KeyRingFailure("a data key is listed twice");
        }
        if (keys.stream().noneMatch(k -> k.keyId().equals(primaryKeyId))) {
            throw new KeyRingFailure("the primary key " + primaryKeyId + " is not in the ring");
        }
        loaded.clear();
        keys.forEach(k -> loaded.add(k.keyId()));
        primary = primaryKeyId;
    }

    @Override
    public String seal(byte[] plaintext, String context) {
        String body = primaryKeyId() + ":" + Base64.getUrlEncoder().encodeToString(context.getBytes(StandardCharsets.UTF_8)) + ":"
                + Base64.getUrlEncoder().encodeToString(plaintext);
        return "toy:" + body + ":" + seal(body);
    }

    /** A stand-in of the tag: any change to the envelope's body shows. */
    private static String seal(String body) {
        return Integer.toHexString(body.hashCode());
    }

    @Override
    public byte[] open(String envelope, String context) {
        String[] parts = envelope == null ? new String[0] : envelope.split(":", -1);
        if (parts.length != 5 || !parts[0].equals("toy")) {
            throw new KeyRingFailure("not an envelope");
        }
        if (!loaded.contains(parts[1])) {
            throw new UnknownKeyFailure(parts[1]);
        }
        if (!new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8).equals(context)) {
            throw new KeyRingFailure("the envelope belongs to another context");
        }
        if (!seal(parts[1] + ":" + parts[2] + ":" + parts[3]).equals(parts[4])) {
            throw new KeyRingFailure("the envelope was tampered with");
        }
        return Base64.getUrlDecoder().decode(parts[3]);
    }

    @Override
    public String keyIdOf(String envelope) {
        return envelope.split(":")[1];
    }

    @Override
    public String primaryKeyId() {
        if (primary == null) {
            throw new KeyRingFailure("no key ring loaded");
        }
        return primary;
    }
}
