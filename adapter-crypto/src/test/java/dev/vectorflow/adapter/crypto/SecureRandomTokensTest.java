package dev.vectorflow.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code RandomTokens} port's promises on its only implementation: that many random bytes as lower-case hex. */
class SecureRandomTokensTest {

    private final SecureRandomTokens tokens = new SecureRandomTokens(new SecureRandom());

    @Test
    void givenANumberOfBytes_hex_spellsThatManyBytesAsLowerCaseHex() {
        assertThat(tokens.hex(1)).matches("[0-9a-f]{2}");
        assertThat(tokens.hex(32)).matches("[0-9a-f]{64}");
        assertThat(tokens.hex(SecureRandomTokens.MAX_BYTES)).hasSize(2 * SecureRandomTokens.MAX_BYTES).matches("[0-9a-f]+");
    }

    @Test
    void givenManyTokens_everyOneIsNew() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(tokens.hex(16))).isTrue();
        }
    }

    @Test
    void givenTheBytesOfTheRandomSource_theTokenSpellsExactlyThem() {
        SecureRandom fixed = new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (0xf0 + i);
                }
            }
        };

        assertThat(new SecureRandomTokens(fixed).hex(4)).isEqualTo("f0f1f2f3");
    }

    @Test
    void givenNoBytesOrMoreThanTheCap_hex_refusesTheMixUp() {
        assertThatThrownBy(() -> tokens.hex(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.hex(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.hex(SecureRandomTokens.MAX_BYTES + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
