package dev.vectorflow.ports.in.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentTextTest {

    @Test
    void givenLineWithoutControlCharacters_whenCleaned_thenItIsTheSameStringStripped() {
        String line = "pipeline started";
        assertThat(AgentText.line(line, 100)).isSameAs(line);
        assertThat(AgentText.line("  padded\t ", 100)).isEqualTo("padded");
    }

    @Test
    void givenLineWithAsciiControlCharacters_whenCleaned_thenEachBecomesASpace() {
        assertThat(AgentText.line("a\u0000b\u0001c\u001fd\u007fe", 100)).isEqualTo("a b c d e");
        assertThat(AgentText.line("first\nsecond\r\nthird", 100)).isEqualTo("first second  third");
    }

    @Test
    void givenLineWithNonAsciiCharacters_whenCleaned_thenTheyAreKept() {
        // \p{Cntrl} is ASCII only: C1 controls, line separators and non-ASCII letters stay
        assertThat(AgentText.line("é\u0085\u2028ü ✓", 100)).isEqualTo("é\u0085\u2028ü ✓");
    }

    @Test
    void givenLongLineOrNull_whenCleaned_thenItIsCutOrEmpty() {
        assertThat(AgentText.line("abc\u0007def", 5)).isEqualTo("abc d");
        assertThat(AgentText.line(null, 5)).isEmpty();
        // NUL is no whitespace: it is kept through the strip and then becomes a space
        assertThat(AgentText.line(" \u0000 ", 5)).isEqualTo(" ");
    }
}
