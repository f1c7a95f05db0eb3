package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.ports.out.persistence.SetupTokenRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link SetupTokenRepository} must do; run against the in-memory fake and against PostgreSQL. */
public abstract class SetupTokenRepositoryContract extends FleetStoreContract {

    private static final Instant EXPIRES = T0.plus(Duration.ofHours(1));

    private SetupTokenRepository tokens() {
        return store().setupTokens();
    }

    private String stored(Instant expiresAt) {
        String tokenHash = hash("setup-" + UUID.randomUUID());
        inTransaction(() -> tokens().insert(tokenHash, expiresAt));
        return tokenHash;
    }

    @Test
    void aStoredToken_isValidUntilJustBeforeItExpires() {
        String token = stored(EXPIRES);

        assertThat(inTransaction(() -> tokens().isValid(token, T0))).isTrue();
        assertThat(inTransaction(() -> tokens().isValid(token, EXPIRES.minusNanos(1_000)))).isTrue();
        assertThat(inTransaction(() -> tokens().isValid(token, EXPIRES))).isFalse();
        assertThat(inTransaction(() -> tokens().isValid(token, EXPIRES.plusSeconds(1)))).isFalse();
    }

    @Test
    void anUnknownToken_isNotValid() {
        stored(EXPIRES);

        assertThat(inTransaction(() -> tokens().isValid(hash("unknown-" + UUID.randomUUID()), T0))).isFalse();
    }

    @Test
    void deleteAll_invalidatesEveryToken() {
        String first = stored(EXPIRES);
        String second = stored(EXPIRES.plus(Duration.ofDays(1)));

        inTransaction(() -> tokens().deleteAll());

        assertThat(inTransaction(() -> tokens().isValid(first, T0))).isFalse();
        assertThat(inTransaction(() -> tokens().isValid(second, T0))).isFalse();
    }

    @Test
    void givenWorkThatThrows_inTransaction_keepsTheTokensItDeleted() {
        String token = stored(EXPIRES);

        assertThatThrownBy(() -> inTransaction(() -> {
            tokens().deleteAll();
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(inTransaction(() -> tokens().isValid(token, T0))).isTrue();
    }
}
