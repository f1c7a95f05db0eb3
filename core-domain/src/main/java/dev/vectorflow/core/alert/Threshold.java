package dev.vectorflow.core.alert;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Objects;

/**
 * A limit and the side of it that breaches, with a hysteresis band: a breach clears only once the value is back past
 * the limit by {@code hysteresis}, so a value hovering at the limit does not flap between firing and resolved.
 */
public record Threshold(Comparison comparison, double value, double hysteresis) {

    public Threshold {
        Objects.requireNonNull(comparison, "comparison");
        if (!Double.isFinite(value)) {
            throw new InvalidValueException("threshold", "must be a finite number but was " + value);
        }
        if (!Double.isFinite(hysteresis) || hysteresis < 0) {
            throw new InvalidValueException("hysteresis", "must be a number of 0 or more but was " + hysteresis);
        }
    }

    /** What a reading means against this threshold. */
    public Verdict judge(double reading) {
        boolean breach = comparison == Comparison.ABOVE ? reading > value : reading < value;
        if (breach) {
            return Verdict.BREACH;
        }
        boolean clear = comparison == Comparison.ABOVE ? reading <= value - hysteresis : reading >= value + hysteresis;
        return clear ? Verdict.CLEAR : Verdict.HOLD;
    }

    @Override
    public String toString() {
        return comparison.symbol() + " " + AlertFacts.number(value);
    }
}
