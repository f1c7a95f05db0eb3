package dev.vectorflow.core.alert;

/** What one reading says about a condition: it breaches, it is clearly back to normal, or it is inside the hysteresis band. */
public enum Verdict {
    BREACH, CLEAR, HOLD
}
