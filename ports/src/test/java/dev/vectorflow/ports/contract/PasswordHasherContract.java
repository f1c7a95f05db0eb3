package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.identity.Password;
import dev.vectorflow.ports.out.security.PasswordHasher;
import org.junit.jupiter.api.Test;

/** What every {@link PasswordHasher} must do; run against the plain stand-in and against Argon2id. */
public abstract class PasswordHasherContract {

    private static final Password PASSWORD = new Password("correct horse battery staple");

    protected abstract PasswordHasher hasher();

    /** A hash of {@code password} as an older configuration of the same hasher made it (weaker parameters). */
    protected abstract String weakerHash(Password password);

    @Test
    void givenAHash_whenTheSamePasswordIsChecked_thenItMatches_andAnotherPasswordDoesNot() {
        String hash = hasher().hash(PASSWORD);

        assertThat(hasher().matches(PASSWORD, hash)).isTrue();
        assertThat(hasher().matches(new Password("correct horse battery stapler"), hash)).isFalse();
        assertThat(hasher().matches(new Password("Correct horse battery staple"), hash)).isFalse();
    }

    @Test
    void givenTheSamePasswordTwice_whenHashed_thenTheHashesDiffer_forTheyAreSalted_andBothMatch() {
        String first = hasher().hash(PASSWORD);
        String second = hasher().hash(PASSWORD);

        assertThat(first).isNotEqualTo(second);
        assertThat(hasher().matches(PASSWORD, first)).isTrue();
        assertThat(hasher().matches(PASSWORD, second)).isTrue();
    }

    @Test
    void givenAnUnreadableHash_whenChecked_thenItDoesNotMatch_withoutThrowing_andNeedsARehash() {
        for (String unreadable : new String[] {null, "", "not a hash", "$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"}) {
            assertThat(hasher().matches(PASSWORD, unreadable)).as(String.valueOf(unreadable)).isFalse();
            assertThat(hasher().needsRehash(unreadable)).as(String.valueOf(unreadable)).isTrue();
        }
    }

    @Test
    void givenAFreshHash_thenItNeedsNoRehash_butAHashWithWeakerParametersDoes_andStillMatches() {
        String weaker = weakerHash(PASSWORD);

        assertThat(hasher().needsRehash(hasher().hash(PASSWORD))).isFalse();
        assertThat(hasher().needsRehash(weaker)).isTrue();
        assertThat(hasher().matches(PASSWORD, weaker)).isTrue();
    }
}
