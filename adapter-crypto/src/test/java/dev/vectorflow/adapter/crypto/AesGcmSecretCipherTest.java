package dev.vectorflow.adapter.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.ports.contract.SecretCipherContract;
import dev.vectorflow.ports.out.security.KeyRingFailure;
import dev.vectorflow.ports.out.security.SecretCipher;
import dev.vectorflow.ports.out.security.UnknownKeyFailure;
import dev.vectorflow.ports.out.security.WrappedDataKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AesGcmSecretCipherTest extends SecretCipherContract {

    @Override
    protected SecretCipher newCipher() {
        return new AesGcmSecretCipher(masterKey, random);
    }

    @Override
    protected SecretCipher newCipherUnderAnotherMasterKey() {
        return new AesGcmSecretCipher(randomBytes(32), random);
    }


    private static final String CONTEXT = "secret:env-1:db_password";

    private final SecureRandom random = new SecureRandom();
    private final byte[] masterKey = randomBytes(32);
    private final AesGcmSecretCipher cipher = new AesGcmSecretCipher(masterKey, random);

    @Test
    void givenLoadedKey_sealThenOpen_returnsThePlaintext() {
        WrappedDataKey key = loadOneKey();

        String envelope = cipher.seal("hunter2 \u2603".getBytes(UTF_8), CONTEXT);

        assertThat(new String(cipher.open(envelope, CONTEXT), UTF_8)).isEqualTo("hunter2 \u2603");
        assertThat(cipher.keyIdOf(envelope)).isEqualTo(key.keyId());
        assertThat(cipher.primaryKeyId()).isEqualTo(key.keyId());
    }

    @Test
    void givenEmptyPlaintext_sealThenOpen_returnsEmpty() {
        loadOneKey();

        assertThat(cipher.open(cipher.seal(new byte[0], CONTEXT), CONTEXT)).isEmpty();
    }

    @Test
    void givenSealedValue_envelope_isPrintableAsciiNamingKeyWithNonceCiphertextAndTag() {
        WrappedDataKey key = loadOneKey();
        byte[] plaintext = "five!".getBytes(UTF_8);

        String envelope = cipher.seal(plaintext, CONTEXT);

        assertThat(envelope).matches("vf1:" + key.keyId() + ":[A-Za-z0-9_-]+");
        byte[] body = Base64.getUrlDecoder().decode(envelope.substring(envelope.lastIndexOf(':') + 1));
        assertThat(body).hasSize(12 + plaintext.length + 16);
        assertThat(envelope).doesNotContain("five!");
    }

    @Test
    void givenSamePlaintextTwice_seal_usesAFreshNonceEachTime() {
        loadOneKey();

        assertThat(cipher.seal("same".getBytes(UTF_8), CONTEXT)).isNotEqualTo(cipher.seal("same".getBytes(UTF_8), CONTEXT));
    }

    @Test
    void givenNewDataKey_idAndWrappedKey_areRandomAndHideTheKey() {
        WrappedDataKey first = cipher.newDataKey();
        WrappedDataKey second = cipher.newDataKey();

        assertThat(first.keyId()).matches("k[0-9a-f]{12}");
        assertThat(first.keyId()).isNotEqualTo(second.keyId());
        assertThat(Base64.getUrlDecoder().decode(first.wrappedKey())).hasSize(12 + 32 + 16);
        assertThat(first.toString()).isEqualTo("WrappedDataKey[" + first.keyId() + "]");
    }

    @Test
    void givenOtherContext_open_failsWithKeyRingFailure() {
        loadOneKey();
        String envelope = cipher.seal("value".getBytes(UTF_8), "secret:env-1:a");

        assertThatThrownBy(() -> cipher.open(envelope, "secret:env-1:b"))
                .isExactlyInstanceOf(KeyRingFailure.class)
                .hasMessageContaining(cipher.keyIdOf(envelope))
                .hasMessageContaining("another context");
    }

    @Test
    void givenAnyFlippedBitInTheBody_open_failsWithKeyRingFailure() {
        loadOneKey();
        String envelope = cipher.seal("value".getBytes(UTF_8), CONTEXT);
        String header = envelope.substring(0, envelope.lastIndexOf(':') + 1);
        byte[] body = Base64.getUrlDecoder().decode(envelope.substring(header.length()));

        for (int i = 0; i < body.length; i++) {
            byte[] tampered = body.clone();
            tampered[i] ^= 0x01;
            String tamperedEnvelope = header + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThatThrownBy(() -> cipher.open(tamperedEnvelope, CONTEXT))
                    .as("flipped byte %d", i)
                    .isExactlyInstanceOf(KeyRingFailure.class);
        }
    }

    @Test
    void givenTruncatedBody_open_failsWithKeyRingFailure() {
        loadOneKey();
        String envelope = cipher.seal("value".getBytes(UTF_8), CONTEXT);

        assertThatThrownBy(() -> cipher.open(envelope.substring(0, envelope.length() - 4), CONTEXT))
                .isInstanceOf(KeyRingFailure.class);
    }

    @Test
    void givenEnvelopeOfAKeyNotLoaded_open_throwsUnknownKeyFailureNamingIt() {
        loadOneKey();
        AesGcmSecretCipher otherServer = new AesGcmSecretCipher(masterKey, random);
        WrappedDataKey rotated = otherServer.newDataKey();
        otherServer.load(List.of(rotated), rotated.keyId());
        String envelope = otherServer.seal("value".getBytes(UTF_8), CONTEXT);

        assertThatThrownBy(() -> cipher.open(envelope, CONTEXT))
                .isInstanceOfSatisfying(UnknownKeyFailure.class, failure -> assertThat(failure.keyId()).isEqualTo(rotated.keyId()));
    }

    @Test
    void givenWrongMasterKey_load_failsNamingTheKeyIdButNoKeyMaterial() {
        WrappedDataKey key = cipher.newDataKey();
        byte[] otherMasterKey = randomBytes(32);
        AesGcmSecretCipher wrongMaster = new AesGcmSecretCipher(otherMasterKey, random);

        assertThatThrownBy(() -> wrongMaster.load(List.of(key), key.keyId()))
                .isExactlyInstanceOf(KeyRingFailure.class)
                .hasMessageContaining("'" + key.keyId() + "'")
                .hasMessageContaining("master key")
                .satisfies(failure -> assertThat(failure.getMessage())
                        .doesNotContain(key.wrappedKey())
                        .doesNotContain(HexFormat.of().formatHex(otherMasterKey))
                        .doesNotContain(Base64.getEncoder().encodeToString(otherMasterKey)));
    }

    @Test
    void givenWrappedKeyStoredUnderAnotherId_load_fails() {
        WrappedDataKey key = cipher.newDataKey();
        WrappedDataKey moved = new WrappedDataKey("kfeedfeedfeed", key.wrappedKey());

        assertThatThrownBy(() -> cipher.load(List.of(moved), moved.keyId()))
                .isExactlyInstanceOf(KeyRingFailure.class)
                .hasMessageContaining("kfeedfeedfeed");
    }

    @Test
    void givenDamagedWrappedKey_load_failsNamingTheKeyId() {
        WrappedDataKey damaged = new WrappedDataKey("k000000000001", "not*base64");

        assertThatThrownBy(() -> cipher.load(List.of(damaged), damaged.keyId()))
                .isExactlyInstanceOf(KeyRingFailure.class)
                .hasMessageContaining("k000000000001");
    }

    @Test
    void givenPrimaryNotAmongTheKeys_load_failsAndKeepsThePreviousRing() {
        WrappedDataKey key = loadOneKey();
        WrappedDataKey other = cipher.newDataKey();

        assertThatThrownBy(() -> cipher.load(List.of(other), key.keyId()))
                .isExactlyInstanceOf(KeyRingFailure.class)
                .hasMessageContaining(key.keyId());
        assertThat(cipher.primaryKeyId()).isEqualTo(key.keyId());
    }

    @Test
    void givenSameKeyListedTwice_load_fails() {
        WrappedDataKey key = cipher.newDataKey();

        assertThatThrownBy(() -> cipher.load(List.of(key, key), key.keyId()))
                .isExactlyInstanceOf(KeyRingFailure.class)
                .hasMessageContaining("twice");
    }

    @Test
    void givenNothingLoaded_sealAndPrimaryKeyId_fail() {
        assertThatThrownBy(() -> cipher.seal(new byte[] {1}, CONTEXT)).isInstanceOf(KeyRingFailure.class);
        assertThatThrownBy(cipher::primaryKeyId).isInstanceOf(KeyRingFailure.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plaintext", "vf2:k000000000001:AAAA", "vf1:", "vf1:k000000000001", "vf1::AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "vf1:k0000 00001:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "vf1:k000000000001:not+base64url/", "vf1:k000000000001:AAAA"})
    void givenMalformedEnvelope_openAndKeyIdOf_failWithAClearKeyRingFailure(String malformed) {
        loadOneKey();

        assertThatThrownBy(() -> cipher.open(malformed, CONTEXT))
                .isExactlyInstanceOf(KeyRingFailure.class)
                .hasMessageMatching(".*(envelope|sealed value).*");
        assertThatThrownBy(() -> cipher.keyIdOf(malformed)).isExactlyInstanceOf(KeyRingFailure.class);
    }

    @Test
    void givenRotation_oldEnvelopesStillOpenAndNewOnesNameTheNewPrimary() {
        WrappedDataKey k1 = cipher.newDataKey();
        cipher.load(List.of(k1), k1.keyId());
        String sealedUnderK1 = cipher.seal("old".getBytes(UTF_8), CONTEXT);

        WrappedDataKey k2 = cipher.newDataKey();
        cipher.load(List.of(k1, k2), k2.keyId());
        String sealedUnderK2 = cipher.seal("new".getBytes(UTF_8), CONTEXT);

        assertThat(cipher.primaryKeyId()).isEqualTo(k2.keyId());
        assertThat(cipher.keyIdOf(sealedUnderK1)).isEqualTo(k1.keyId());
        assertThat(cipher.keyIdOf(sealedUnderK2)).isEqualTo(k2.keyId());
        assertThat(new String(cipher.open(sealedUnderK1, CONTEXT), UTF_8)).isEqualTo("old");
        assertThat(new String(cipher.open(sealedUnderK2, CONTEXT), UTF_8)).isEqualTo("new");

        AesGcmSecretCipher restarted = new AesGcmSecretCipher(masterKey, random);
        restarted.load(List.of(k1, k2), k2.keyId());
        assertThat(new String(restarted.open(sealedUnderK1, CONTEXT), UTF_8)).isEqualTo("old");
        assertThat(new String(restarted.open(sealedUnderK2, CONTEXT), UTF_8)).isEqualTo("new");
    }

    @Test
    void givenReloadsDuringOpens_openFromManyVirtualThreads_alwaysSucceeds() throws Exception {
        WrappedDataKey k1 = cipher.newDataKey();
        WrappedDataKey k2 = cipher.newDataKey();
        cipher.load(List.of(k1, k2), k1.keyId());
        String envelope = cipher.seal("shared".getBytes(UTF_8), CONTEXT);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                int n = i;
                tasks.add(threads.submit(() -> {
                    try {
                        if (n % 50 == 0) {
                            cipher.load(List.of(k1, k2), n % 100 == 0 ? k1.keyId() : k2.keyId());
                        }
                        if (!new String(cipher.open(envelope, CONTEXT), UTF_8).equals("shared")) {
                            failures.add(new AssertionError("wrong plaintext"));
                        }
                        cipher.open(cipher.seal(new byte[] {(byte) n}, CONTEXT), CONTEXT);
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        }

        assertThat(failures).isEmpty();
    }

    @Test
    void givenLoadedCipher_toString_revealsNoKeyMaterial() {
        WrappedDataKey key = loadOneKey();

        assertThat(cipher.toString())
                .isEqualTo("AesGcmSecretCipher[primary=" + key.keyId() + ", keys=1]")
                .doesNotContain(HexFormat.of().formatHex(masterKey))
                .doesNotContain(key.wrappedKey());
    }

    @Test
    void givenMasterKeyOfWrongLength_construction_isRejected() {
        assertThatThrownBy(() -> new AesGcmSecretCipher(new byte[16], random))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'masterKey' must be 32 bytes");
    }

    @Test
    void givenCallerChangesTheMasterKeyArrayLater_cipher_keepsItsCopy() {
        byte[] key = randomBytes(32);
        AesGcmSecretCipher copying = new AesGcmSecretCipher(key, random);
        WrappedDataKey dataKey = copying.newDataKey();
        key[0] ^= 1;

        copying.load(List.of(dataKey), dataKey.keyId());

        assertThat(copying.primaryKeyId()).isEqualTo(dataKey.keyId());
    }

    private WrappedDataKey loadOneKey() {
        WrappedDataKey key = cipher.newDataKey();
        cipher.load(List.of(key), key.keyId());
        return key;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
