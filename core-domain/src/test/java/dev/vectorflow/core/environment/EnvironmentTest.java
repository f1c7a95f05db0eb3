package dev.vectorflow.core.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.validation.InvalidValueException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.vectorflow.core.identity.TeamId;

class EnvironmentTest {

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"production", "Staging EU", "dev-1", "ünïcødé ✓", "a"})
    void acceptsOrdinaryNames(String name) {
        assertThat(new EnvironmentName(name).value()).isEqualTo(name);
    }

    @Test
    void givenEmptyOrBlankName_isRejectedNamingTheField() {
        assertThatThrownBy(() -> new EnvironmentName("")).isInstanceOf(InvalidValueException.class)
                .hasMessage("'name' must not be empty");
        assertThatThrownBy(() -> new EnvironmentName("   ")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new EnvironmentName(null)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void givenNameOver100Characters_isRejected() {
        assertThat(new EnvironmentName("x".repeat(100)).value()).hasSize(100);
        assertThatThrownBy(() -> new EnvironmentName("x".repeat(101)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("'name' must be at most 100 characters but has 101");
    }

    @Test
    void nameLengthCountsCharactersNotUtf16Units() {
        String hundredEmoji = "😀".repeat(100);
        assertThat(new EnvironmentName(hundredEmoji).value()).isEqualTo(hundredEmoji);
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod\nuction", "tab\there", "nul\u0000", "bell\u0007", "del\u007f"})
    void givenControlCharactersInName_isRejected(String name) {
        assertThatThrownBy(() -> new EnvironmentName(name))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("control characters");
    }

    @Test
    void givenSurroundingWhitespace_isRejected() {
        assertThatThrownBy(() -> new EnvironmentName(" prod")).isInstanceOf(InvalidValueException.class)
                .hasMessage("'name' must not start or end with whitespace");
    }

    @Test
    void descriptionAllowsLineBreaksButNotOtherControlCharacters() {
        assertThat(Environment.checkDescription("line one\nline two\ttabbed")).contains("\n");
        assertThat(Environment.checkDescription(null)).isEmpty();
        assertThatThrownBy(() -> Environment.checkDescription("bad\u0000"))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("description");
        assertThatThrownBy(() -> Environment.checkDescription("x".repeat(2001)))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void uniquenessIgnoresLetterCase() {
        assertThat(new EnvironmentName("PROD").uniquenessKey()).isEqualTo(new EnvironmentName("prod").uniquenessKey());
    }

    @Test
    void renameMovesUpdatedAtButNeverBeforeCreatedAt() {
        Environment env = Environment.create(new EnvironmentId(UUID.randomUUID()), new TeamId(UUID.randomUUID()), new EnvironmentName("a"), "", T0);

        assertThat(env.renamed(new EnvironmentName("b"), T0.plusSeconds(60)).updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(env.renamed(new EnvironmentName("b"), T0.minusSeconds(60)).updatedAt()).isEqualTo(T0);
    }

    @Test
    void givenMalformedId_parseNamesTheField() {
        assertThatThrownBy(() -> EnvironmentId.parse("id", "not-a-uuid"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("'id' must be an environment id (a UUID) but was 'not-a-uuid'");
        UUID uuid = UUID.randomUUID();
        assertThat(EnvironmentId.parse("id", uuid.toString()).value()).isEqualTo(uuid);
    }
}
