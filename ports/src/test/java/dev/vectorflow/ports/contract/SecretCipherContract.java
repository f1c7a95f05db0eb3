package dev.vectorflow.ports.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.ports.out.security.KeyRingFailure;
import dev.vectorflow.ports.out.security.SecretCipher;
import dev.vectorflow.ports.out.security.UnknownKeyFailure;
import dev.vectorflow.ports.out.security.WrappedDataKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link SecretCipher} must do; run against the toy stand-in and against AES-256-GCM. */
public abstract class SecretCipherContract {

    private static final String CONTEXT = "secret:env-1:db_password";

    /** A new cipher under the master key every call of this test class shares. */
    protected abstract SecretCipher newCipher();

    /** A new cipher under another master key. */
    protected abstract SecretCipher newCipherUnderAnotherMasterKey();

    private static WrappedDataKey loadNewKey(SecretCipher cipher) {
        WrappedDataKey key = cipher.newDataKey();
        cipher.load(List.of(key), key.keyId());
        return key;
    }

    /** The envelope with one character of its body (ten from the end) replaced. */
    private static String tampered(String envelope) {
        int at = envelope.length() - 10;
        char replacement = envelope.charAt(at) == 'A' ? 'B' : 'A';
        return envelope.substring(0, at) + replacement + envelope.substring(at + 1);
    }

    @Test
    void givenALoadedKey_whenSealedAndOpenedWithTheSameContext_thenThePlaintextComesBack_inAPrintableEnvelopeNamingTheKey() {
        SecretCipher cipher = newCipher();
        WrappedDataKey key = loadNewKey(cipher);

        String envelope = cipher.seal("hunter2 \u2603".getBytes(UTF_8), CONTEXT);

        assertThat(new String(cipher.open(envelope, CONTEXT), UTF_8)).isEqualTo("hunter2 \u2603");
        assertThat(cipher.open(cipher.seal(new byte[0], CONTEXT), CONTEXT)).isEmpty();
        assertThat(envelope).matches("[\\x21-\\x7e]+");
        assertThat(cipher.keyIdOf(envelope)).isEqualTo(key.keyId());
        assertThat(cipher.primaryKeyId()).isEqualTo(key.keyId());
    }

    @Test
    void givenAnEnvelope_whenOpenedWithAnotherContext_orTamperedWith_thenItFailsAsAKeyRingFailure() {
        SecretCipher cipher = newCipher();
        loadNewKey(cipher);
        String envelope = cipher.seal("hunter2".getBytes(UTF_8), CONTEXT);

        assertThatThrownBy(() -> cipher.open(envelope, "secret:env-2:db_password")).isInstanceOf(KeyRingFailure.class);
        assertThatThrownBy(() -> cipher.open(tampered(envelope), CONTEXT)).isInstanceOf(KeyRingFailure.class);
        assertThatThrownBy(() -> cipher.open("not an envelope", CONTEXT)).isInstanceOf(KeyRingFailure.class);
    }

    @Test
    void givenAnEnvelopeOfAKeyThatIsNotLoaded_whenOpened_thenItFailsAsAnUnknownKey() {
        SecretCipher sealing = newCipher();
        loadNewKey(sealing);
        String envelope = sealing.seal("hunter2".getBytes(UTF_8), CONTEXT);
        SecretCipher other = newCipher();
        loadNewKey(other);

        assertThatThrownBy(() -> other.open(envelope, CONTEXT)).isInstanceOf(UnknownKeyFailure.class);
    }

    @Test
    void givenARotatedRing_thenNewValuesAreSealedWithTheNewPrimary_andOldEnvelopesStillOpen_untilTheirKeyIsNoLongerLoaded() {
        SecretCipher cipher = newCipher();
        WrappedDataKey old = loadNewKey(cipher);
        String sealedBefore = cipher.seal("before".getBytes(UTF_8), CONTEXT);
        WrappedDataKey current = cipher.newDataKey();

        cipher.load(List.of(old, current), current.keyId());
        String sealedAfter = cipher.seal("after".getBytes(UTF_8), CONTEXT);

        assertThat(cipher.keyIdOf(sealedAfter)).isEqualTo(current.keyId());
        assertThat(new String(cipher.open(sealedBefore, CONTEXT), UTF_8)).isEqualTo("before");
        cipher.load(List.of(current), current.keyId());
        assertThatThrownBy(() -> cipher.open(sealedBefore, CONTEXT)).as("load replaces the ring").isInstanceOf(UnknownKeyFailure.class);
        assertThat(new String(cipher.open(sealedAfter, CONTEXT), UTF_8)).isEqualTo("after");
    }

    @Test
    void givenKeysWrappedByAnotherMasterKey_orAPrimaryNotAmongThem_orAKeyListedTwice_whenLoaded_thenItFails_andTheRingStaysAsItWas() {
        SecretCipher cipher = newCipher();
        WrappedDataKey loaded = loadNewKey(cipher);
        WrappedDataKey foreign = newCipherUnderAnotherMasterKey().newDataKey();
        WrappedDataKey spare = cipher.newDataKey();

        assertThatThrownBy(() -> cipher.load(List.of(loaded, foreign), loaded.keyId())).isInstanceOf(KeyRingFailure.class);
        assertThatThrownBy(() -> cipher.load(List.of(loaded), spare.keyId())).isInstanceOf(KeyRingFailure.class);
        assertThatThrownBy(() -> cipher.load(List.of(loaded, loaded), loaded.keyId())).isInstanceOf(KeyRingFailure.class);
        assertThat(cipher.primaryKeyId()).isEqualTo(loaded.keyId());
    }

    @Test
    void givenNothingLoaded_thenThereIsNoPrimaryKey_andNothingCanBeSealed() {
        SecretCipher cipher = newCipher();

        assertThatThrownBy(cipher::primaryKeyId).isInstanceOf(KeyRingFailure.class);
        assertThatThrownBy(() -> cipher.seal("x".getBytes(UTF_8), CONTEXT)).isInstanceOf(KeyRingFailure.class);
    }
}
