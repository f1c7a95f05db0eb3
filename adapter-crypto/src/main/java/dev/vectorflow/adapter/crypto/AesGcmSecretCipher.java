package dev.vectorflow.adapter.crypto;

import dev.vectorflow.ports.out.security.KeyRingFailure;
import dev.vectorflow.ports.out.security.SecretCipher;
import dev.vectorflow.ports.out.security.UnknownKeyFailure;
import dev.vectorflow.ports.out.security.WrappedDataKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link SecretCipher} with AES-256-GCM (JCA): a 32-byte master key wraps random 256-bit data keys (the key id is the
 * associated data), and values are sealed with the primary data key into envelopes {@code vf1:<keyId>:<base64url(nonce
 * || ciphertext || tag)>} (URL-safe base64 without padding, 96-bit random nonce, 128-bit tag, the context string as
 * associated data).
 * The details are in docs/architecture.md, "Notes on the code".
 */
public final class AesGcmSecretCipher implements SecretCipher {

    /** Every envelope starts with this; a later format gets a new prefix. */
    public static final String ENVELOPE_PREFIX = "vf1:";

    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final int TAG_BYTES = TAG_BITS / 8;
    private static final int KEY_ID_RANDOM_BYTES = 6;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    private final SecretKey masterKey;
    private final SecureRandom random;
    private volatile KeyRing ring;

    /**
     * A cipher whose master key is {@code masterKey} (32 bytes, copied); nothing is loaded until
     * {@link #load} is called.
     */
    public AesGcmSecretCipher(byte[] masterKey, SecureRandom random) {
        Objects.requireNonNull(masterKey, "masterKey");
        if (masterKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("'masterKey' must be " + KEY_BYTES + " bytes but was " + masterKey.length + " bytes");
        }
        this.masterKey = new SecretKeySpec(masterKey.clone(), "AES");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public WrappedDataKey newDataKey() {
        byte[] idBytes = new byte[KEY_ID_RANDOM_BYTES];
        random.nextBytes(idBytes);
        String keyId = "k" + HexFormat.of().formatHex(idBytes);
        byte[] dataKey = new byte[KEY_BYTES];
        random.nextBytes(dataKey);
        try {
            byte[] wrapped = encrypt(masterKey, dataKey, keyId.getBytes(StandardCharsets.UTF_8));
            return new WrappedDataKey(keyId, BASE64URL.encodeToString(wrapped));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    @Override
    public void load(List<WrappedDataKey> keys, String primaryKeyId) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(primaryKeyId, "primaryKeyId");
        Map<String, SecretKey> unwrapped = new HashMap<>();
        for (WrappedDataKey key : keys) {
            if (unwrapped.containsKey(key.keyId())) {
                throw new KeyRingFailure("data key '" + key.keyId() + "' is listed twice");
            }
            unwrapped.put(key.keyId(), unwrap(key));
        }
        if (!unwrapped.containsKey(primaryKeyId)) {
            throw new KeyRingFailure("the primary data key '" + primaryKeyId + "' is not among the " + keys.size() + " keys given");
        }
        ring = new KeyRing(Map.copyOf(unwrapped), primaryKeyId);
    }

    @Override
    public String seal(byte[] plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(context, "context");
        KeyRing current = loadedRing();
        byte[] sealed = encrypt(current.keys().get(current.primaryKeyId()), plaintext, context.getBytes(StandardCharsets.UTF_8));
        return ENVELOPE_PREFIX + current.primaryKeyId() + ":" + BASE64URL.encodeToString(sealed);
    }

    @Override
    public byte[] open(String envelope, String context) {
        Objects.requireNonNull(context, "context");
        Envelope parsed = Envelope.parse(envelope);
        KeyRing current = ring;
        SecretKey dataKey = current == null ? null : current.keys().get(parsed.keyId());
        if (dataKey == null) {
            throw new UnknownKeyFailure(parsed.keyId());
        }
        try {
            return decrypt(dataKey, parsed.sealed(), context.getBytes(StandardCharsets.UTF_8));
        } catch (AEADBadTagException tampered) {
            throw new KeyRingFailure("the value sealed with data key '" + parsed.keyId()
                    + "' does not open: it was sealed for another context or has been altered", tampered);
        } catch (GeneralSecurityException unexpected) {
            throw new KeyRingFailure("the value sealed with data key '" + parsed.keyId() + "' cannot be opened", unexpected);
        }
    }

    @Override
    public String keyIdOf(String envelope) {
        return Envelope.parse(envelope).keyId();
    }

    @Override
    public String primaryKeyId() {
        return loadedRing().primaryKeyId();
    }

    @Override
    public String toString() {
        KeyRing current = ring;
        return current == null
                ? "AesGcmSecretCipher[no keys loaded]"
                : "AesGcmSecretCipher[primary=" + current.primaryKeyId() + ", keys=" + current.keys().size() + "]";
    }

    private KeyRing loadedRing() {
        KeyRing current = ring;
        if (current == null) {
            throw new KeyRingFailure("no data keys are loaded yet");
        }
        return current;
    }

    private SecretKey unwrap(WrappedDataKey key) {
        if (!KEY_ID.matcher(key.keyId()).matches()) {
            throw new KeyRingFailure("data key id '" + printable(key.keyId()) + "' is not a valid key id");
        }
        byte[] wrapped;
        try {
            wrapped = BASE64URL_DECODER.decode(key.wrappedKey());
        } catch (IllegalArgumentException notBase64) {
            throw new KeyRingFailure("data key '" + key.keyId() + "' is damaged: its wrapped key is not base64url");
        }
        if (wrapped.length != NONCE_BYTES + KEY_BYTES + TAG_BYTES) {
            throw new KeyRingFailure("data key '" + key.keyId() + "' is damaged: its wrapped key has the wrong length");
        }
        byte[] raw = null;
        try {
            raw = decrypt(masterKey, wrapped, key.keyId().getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(raw, "AES");
        } catch (AEADBadTagException wrongMasterKey) {
            throw new KeyRingFailure("data key '" + key.keyId()
                    + "' cannot be unwrapped with this master key: the master key differs from the one that created it,"
                    + " or the stored key was altered");
        } catch (GeneralSecurityException unexpected) {
            throw new KeyRingFailure("data key '" + key.keyId() + "' cannot be unwrapped", unexpected);
        } finally {
            if (raw != null) {
                Arrays.fill(raw, (byte) 0);
            }
        }
    }

    /** nonce || ciphertext || tag. */
    private byte[] encrypt(SecretKey key, byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + cipher.getOutputSize(plaintext.length));
            out.put(nonce);
            out.put(cipher.doFinal(plaintext));
            return out.array();
        } catch (GeneralSecurityException unavailable) {
            // AES-GCM is mandatory in every Java platform; reaching this is a broken JDK.
            throw new KeyRingFailure("AES-GCM encryption is not available in this JDK", unavailable);
        }
    }

    private static byte[] decrypt(SecretKey key, byte[] sealed, byte[] associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }

    private static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }

    /** The loaded data keys; immutable. */
    private record KeyRing(Map<String, SecretKey> keys, String primaryKeyId) {}

    /** An envelope taken apart: which data key sealed it and nonce || ciphertext || tag. */
    private record Envelope(String keyId, byte[] sealed) {

        static Envelope parse(String envelope) {
            if (envelope == null) {
                throw new KeyRingFailure("the sealed value is missing");
            }
            if (!envelope.startsWith(ENVELOPE_PREFIX)) {
                throw new KeyRingFailure("the sealed value is not an envelope of this key ring: it does not start with '"
                        + ENVELOPE_PREFIX + "'");
            }
            int separator = envelope.indexOf(':', ENVELOPE_PREFIX.length());
            if (separator < 0) {
                throw new KeyRingFailure("the envelope is malformed: no ':' after its key id");
            }
            String keyId = envelope.substring(ENVELOPE_PREFIX.length(), separator);
            if (!KEY_ID.matcher(keyId).matches()) {
                throw new KeyRingFailure("the envelope is malformed: '" + printable(keyId) + "' is not a valid key id");
            }
            byte[] sealed;
            try {
                sealed = BASE64URL_DECODER.decode(envelope.substring(separator + 1));
            } catch (IllegalArgumentException notBase64) {
                throw new KeyRingFailure("the envelope sealed with data key '" + keyId + "' is malformed: its body is not base64url");
            }
            if (sealed.length < NONCE_BYTES + TAG_BYTES) {
                throw new KeyRingFailure("the envelope sealed with data key '" + keyId + "' is malformed: its body is too short");
            }
            return new Envelope(keyId, sealed);
        }
    }
}
