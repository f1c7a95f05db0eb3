package dev.vectorflow.core.alert;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How facts about an alert are written for people (numbers with at most two decimals, no exponent). */
public final class AlertFacts {

    private AlertFacts() {
    }

    /** {@code 91.256} → {@code 91.26}, {@code 90.0} → {@code 90}; not a number → {@code n/a}. */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
