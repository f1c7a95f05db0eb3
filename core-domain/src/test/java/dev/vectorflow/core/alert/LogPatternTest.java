package dev.vectorflow.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.validation.InvalidValueException;
import org.junit.jupiter.api.Test;

class LogPatternTest {

    @Test
    void aKeyword_matchesAsPlainTextInAnyCase_andARegex_asWritten() {
        assertThat(new LogPattern("Timeout (x)", false).matches("ERROR: timeout (X) on sink")).isTrue();
        assertThat(new LogPattern("timeout after \\d+ms", true).matches("timeout after 30ms")).isTrue();
        assertThat(new LogPattern("timeout after \\d+ms", true).matches("Timeout after 30ms")).isFalse();
    }

    @Test
    void aRegexThatDoesNotCompile_nestsQuantifiers_orRefersBack_isRefused_asIsAnEmptyOrTooLongPattern() {
        assertThatThrownBy(() -> new LogPattern("a(b", true)).isInstanceOf(InvalidValueException.class).hasMessageContaining("regular expression");
        assertThatThrownBy(() -> new LogPattern("(a+)+$", true)).isInstanceOf(InvalidValueException.class).hasMessageContaining("exponential");
        assertThatThrownBy(() -> new LogPattern("((ab)*c)*", true)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new LogPattern("(a)\\1", true)).isInstanceOf(InvalidValueException.class).hasMessageContaining("refer back");
        assertThatThrownBy(() -> new LogPattern(" ", false)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new LogPattern("x".repeat(201), false)).isInstanceOf(InvalidValueException.class);
        assertThat(new LogPattern("(ab)+c [a+]+ \\(x+\\)+", true).regex()).isTrue();
    }

    @Test
    void aRegexThatBacktracksExponentiallyOnALine_givesUpWithinItsBudget_andCountsAsNoMatch() {
        LogPattern alternation = new LogPattern("^(a|aa)*b$", true);
        long started = System.nanoTime();
        assertThat(alternation.matches("a".repeat(60) + "c")).isFalse();
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
        assertThat(alternation.matches("aaab")).isTrue();
    }
}
