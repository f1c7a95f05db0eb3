package dev.vectorflow.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.identity.Password;
import dev.vectorflow.ports.contract.PasswordHasherContract;
import dev.vectorflow.ports.out.security.PasswordHasher;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class Argon2idPasswordHasherTest extends PasswordHasherContract {

    @Override
    protected PasswordHasher hasher() {
        return hasher;
    }

    @Override
    protected String weakerHash(Password password) {
        return new Argon2idPasswordHasher(MEMORY_KIB / 2, ITERATIONS, PARALLELISM, new SecureRandom()).hash(password);
    }


    // Small parameters keep the suite fast; the algorithm is the same at any cost.
    private static final int MEMORY_KIB = 256;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;

    private static final Password PASSWORD = new Password("correct horse battery staple \u2713");

    private final Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(MEMORY_KIB, ITERATIONS, PARALLELISM, new SecureRandom());

    @Test
    void givenHashOfAPassword_matchesTheSamePassword_isTrue() {
        String hash = hasher.hash(PASSWORD);

        assertThat(hasher.matches(new Password("correct horse battery staple \u2713"), hash)).isTrue();
    }

    @Test
    void givenHashOfAPassword_matchesAnotherPassword_isFalse() {
        String hash = hasher.hash(PASSWORD);

        assertThat(hasher.matches(new Password("correct horse battery staple"), hash)).isFalse();
        assertThat(hasher.matches(new Password("Correct horse battery staple \u2713"), hash)).isFalse();
    }

    @Test
    void givenNewHash_format_isPhcArgon2idWithConfiguredParametersSixteenByteSaltAndThirtyTwoByteHash() {
        String hash = hasher.hash(PASSWORD);

        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=256,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        String[] parts = hash.split("\\$");
        assertThat(Base64.getDecoder().decode(parts[4])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[5])).hasSize(32);
    }

    @Test
    void givenSamePasswordTwice_hash_usesAFreshSaltEachTime() {
        assertThat(hasher.hash(PASSWORD)).isNotEqualTo(hasher.hash(PASSWORD));
    }

    @Test
    void givenFixedSalt_hash_equalsTheArgon2ReferenceImplementation() {
        // Expected value computed with libargon2 (the reference implementation), salt 00..0f.
        Argon2idPasswordHasher fixedSalt = new Argon2idPasswordHasher(256, 2, 1, new CountingRandom());

        assertThat(fixedSalt.hash(PASSWORD))
                .isEqualTo("$argon2id$v=19$m=256,t=2,p=1$AAECAwQFBgcICQoLDA0ODw$5MdQAaL+Xl+Y2iaR4xVvKWffyFGg9bgK/rzPFCI+YMg");
    }

    @Test
    void givenReferenceHashWithTwoLanes_matches_readsParametersFromTheHash() {
        // libargon2, m=512, t=1, p=2: parameters differ from the hasher's own.
        String reference = "$argon2id$v=19$m=512,t=1,p=2$AAECAwQFBgcICQoLDA0ODw$jq3ZsHw7PFrdTD/sqa0QraBzx+9gZ3YzoeJEf+tYgvU";

        assertThat(hasher.matches(PASSWORD, reference)).isTrue();
        assertThat(hasher.matches(new Password("wrong password"), reference)).isFalse();
    }

    @Test
    void givenHashMadeWithWeakerParameters_matchesAfterParametersWereRaised_isTrue() {
        String oldHash = new Argon2idPasswordHasher(64, 1, 1, new SecureRandom()).hash(PASSWORD);

        assertThat(hasher.matches(PASSWORD, oldHash)).isTrue();
    }

    @Test
    void givenTamperedHash_matches_isFalse() {
        String hash = hasher.hash(PASSWORD);
        String[] parts = hash.split("\\$");
        String flippedHash = flipFirstCharacter(parts[5]);
        String flippedSalt = flipFirstCharacter(parts[4]);

        assertThat(hasher.matches(PASSWORD, String.join("$", parts[0], parts[1], parts[2], parts[3], parts[4], flippedHash))).isFalse();
        assertThat(hasher.matches(PASSWORD, String.join("$", parts[0], parts[1], parts[2], parts[3], flippedSalt, parts[5]))).isFalse();
        assertThat(hasher.matches(PASSWORD, hash.replace("t=2", "t=3"))).isFalse();
        assertThat(hasher.matches(PASSWORD, hash.replace("m=256", "m=264"))).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "not a hash",
        "$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
        "$argon2i$v=19$m=256,t=2,p=1$AAECAwQFBgcICQoLDA0ODw$5MdQAaL+Xl+Y2iaR4xVvKWffyFGg9bgK/rzPFCI+YMg",
        "$argon2id$v=16$m=256,t=2,p=1$AAECAwQFBgcICQoLDA0ODw$5MdQAaL+Xl+Y2iaR4xVvKWffyFGg9bgK/rzPFCI+YMg",
        "$argon2id$v=19$m=256,t=0,p=1$AAECAwQFBgcICQoLDA0ODw$5MdQAaL+Xl+Y2iaR4xVvKWffyFGg9bgK/rzPFCI+YMg",
        "$argon2id$v=19$m=4,t=2,p=1$AAECAwQFBgcICQoLDA0ODw$5MdQAaL+Xl+Y2iaR4xVvKWffyFGg9bgK/rzPFCI+YMg",
        "$argon2id$v=19$m=99999999999,t=2,p=1$AAECAwQFBgcICQoLDA0ODw$5MdQAaL+Xl+Y2iaR4xVvKWffyFGg9bgK/rzPFCI+YMg",
        "$argon2id$v=19$m=256,t=2,p=1$AAECAwQFBgcICQoLDA0ODw",
        "$argon2id$v=19$m=256,t=2,p=1$$5MdQAaL+Xl+Y2iaR4xVvKWffyFGg9bgK/rzPFCI+YMg",
        "$argon2id$v=19$m=256,t=2,p=1$A$5MdQAaL+Xl+Y2iaR4xVvKWffyFGg9bgK/rzPFCI+YMg",
        "$argon2id$v=19$m=256,t=2,p=1$AAECAwQFBgcICQoLDA0ODw$5MdQAaL+Xl+Y2iaR4xVvKWffyFGg9bgK/rzPFCI+YMh",
        "$argon2id$v=19$m=256,t=2,p=1$AAECAwQFBgcICQoLDA0ODw==$5MdQAaL+Xl+Y2iaR4xVvKWffyFGg9bgK/rzPFCI+YMg",
        "$argon2id$v=19$m=256,t=2,p=1$AAECAwQFBgcICQoLDA0ODw$5MdQAaL+Xl+Y2iaR4xVvKWffyFGg9bgK/rzPFCI+YMg$extra",
    })
    void givenUnreadableHash_matches_isFalseWithoutThrowing(String unreadable) {
        assertThat(hasher.matches(PASSWORD, unreadable)).isFalse();
        assertThat(hasher.needsRehash(unreadable)).isTrue();
    }

    @Test
    void givenHashWithTheConfiguredParameters_needsRehash_isFalse() {
        assertThat(hasher.needsRehash(hasher.hash(PASSWORD))).isFalse();
    }

    @Test
    void givenHashWithWeakerParameters_needsRehash_isTrue() {
        assertThat(hasher.needsRehash(new Argon2idPasswordHasher(128, 2, 1, new SecureRandom()).hash(PASSWORD))).isTrue();
        assertThat(hasher.needsRehash(new Argon2idPasswordHasher(256, 1, 1, new SecureRandom()).hash(PASSWORD))).isTrue();
        assertThat(new Argon2idPasswordHasher(256, 2, 2, new SecureRandom()).needsRehash(hasher.hash(PASSWORD))).isTrue();
    }

    @Test
    void givenHashWithStrongerParameters_needsRehash_isFalse() {
        assertThat(hasher.needsRehash(new Argon2idPasswordHasher(512, 3, 2, new SecureRandom()).hash(PASSWORD))).isFalse();
    }

    @Test
    void givenRecommendedParameters_hash_isOwaspArgon2idAndVerifies() {
        Argon2idPasswordHasher recommended = Argon2idPasswordHasher.recommended(new SecureRandom());

        String hash = recommended.hash(PASSWORD);

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(recommended.matches(PASSWORD, hash)).isTrue();
        assertThat(recommended.needsRehash(hasher.hash(PASSWORD))).isTrue();
    }

    @Test
    void givenParametersArgon2Forbids_construction_isRejectedNamingTheParameter() {
        assertThatThrownBy(() -> new Argon2idPasswordHasher(8, 1, 2, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'memoryKib'");
        assertThatThrownBy(() -> new Argon2idPasswordHasher(256, 0, 1, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'iterations'");
        assertThatThrownBy(() -> new Argon2idPasswordHasher(256, 1, 0, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'parallelism'");
    }

    private static String flipFirstCharacter(String base64) {
        char replacement = base64.charAt(0) == 'A' ? 'B' : 'A';
        return replacement + base64.substring(1);
    }

    /** Yields 0, 1, 2, ... so a salt is predictable in a known-answer test. */
    private static final class CountingRandom extends SecureRandom {

        private static final long serialVersionUID = 1L;

        private byte next;

        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = next++;
            }
        }
    }
}
