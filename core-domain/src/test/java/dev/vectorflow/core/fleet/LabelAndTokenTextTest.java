package dev.vectorflow.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelAndTokenTextTest {

    private static final String LOOKUP = "0123456789abcdef";
    private static final String SECRET = "0123456789abcdef".repeat(4);

    @Test
    void givenLabelKeys_whenChecked_thenOnlyOneTo63AllowedCharactersStartingWithLetterOrDigitPass() {
        assertThat(Labels.isValid("a", "")).isTrue();
        assertThat(Labels.isValid("Zone9/x.y_z-w", "v")).isTrue();
        assertThat(Labels.isValid("k".repeat(63), "v")).isTrue();
        assertThat(Labels.isValid("k".repeat(64), "v")).isFalse();
        assertThat(Labels.isValid("", "v")).isFalse();
        for (String key : new String[] {"_a", ".a", "-a", "/a", "a b", "a=b", "a,b", "é", "a\u0000", "a:b", "a\n"}) {
            assertThat(Labels.isValid(key, "v")).as(key).isFalse();
        }
        assertThatThrownBy(() -> Labels.of(Map.of("-bad", "v"))).hasMessageContaining("key '-bad'");
    }

    @Test
    void givenLabelValues_whenChecked_thenOnlyUpTo253PrintableAsciiCharactersWithoutCommaOrEqualsPass() {
        assertThat(Labels.isValid("k", " !~ ab/c:d;e\"f'g")).isTrue();
        assertThat(Labels.isValid("k", "v".repeat(253))).isTrue();
        assertThat(Labels.isValid("k", "v".repeat(254))).isFalse();
        for (String value : new String[] {"a,b", "a=b", "tab\there", "nl\n", "\u007f", "é", "\u00a0", "✓"}) {
            assertThat(Labels.isValid("k", value)).as(value).isFalse();
        }
        assertThat(Labels.isValid(null, "v")).isFalse();
        assertThat(Labels.isValid("k", null)).isFalse();
    }

    @Test
    void givenWellFormedToken_whenParsed_thenItsPartsAreFoundAndSurroundingBlanksIgnored() {
        assertThat(NodeToken.parse("vf_node_" + LOOKUP + "_" + SECRET)).contains(new NodeToken(LOOKUP, SECRET));
        assertThat(NodeToken.parse(" \tvf_node_" + LOOKUP + "_" + SECRET + " \n")).contains(new NodeToken(LOOKUP, SECRET));
    }

    @Test
    void givenMalformedTokens_whenParsed_thenNoneIsAToken() {
        String[] malformed = {
            "", "vf_node_", "vf_node_" + LOOKUP + "_" + SECRET + "0", "vf_node_" + LOOKUP + "_" + SECRET.substring(1),
            "vf_node_" + LOOKUP + "-" + SECRET, "VF_NODE_" + LOOKUP + "_" + SECRET, "vf_node_" + LOOKUP.toUpperCase() + "_" + SECRET,
            "vf_node_" + LOOKUP + "_" + SECRET.replace('a', 'g'), "vf_node_" + LOOKUP.replace('f', 'g') + "_" + SECRET,
            "vf_node_" + LOOKUP + "_" + SECRET + "x", "xvf_node_" + LOOKUP + "_" + SECRET, "vf_node_" + LOOKUP + "_" + SECRET + " x",
            "vf_api_" + LOOKUP + "_" + SECRET
        };
        for (String text : malformed) {
            assertThat(NodeToken.parse(text)).as(text).isEqualTo(Optional.empty());
        }
        assertThat(NodeToken.parse(null)).isEmpty();
    }

    @Test
    void givenPartsOfWrongShape_whenTokenIsMade_thenItIsRefused() {
        assertThatThrownBy(() -> new NodeToken(LOOKUP.substring(1), SECRET)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeToken(LOOKUP.toUpperCase(), SECRET)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeToken(LOOKUP, SECRET + "0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeToken(LOOKUP, SECRET.replace('0', ' '))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeToken(null, SECRET)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new NodeToken(LOOKUP, SECRET).text()).isEqualTo("vf_node_" + LOOKUP + "_" + SECRET);
    }
}
