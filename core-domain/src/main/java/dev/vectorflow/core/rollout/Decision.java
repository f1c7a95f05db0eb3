package dev.vectorflow.core.rollout;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One entry of a rollout's decision log: what happened to which wave ({@code wave} -1 when it concerns no wave), why, and
 * the figures that made it ({@code figures} human-readable, empty when there were none).
 */
public record Decision(Instant at, int wave, Kind kind, String reason, String figures) {

    public enum Kind { STARTED, CONVERGED, GATE_PASSED, GATE_FAILED, WAVE_ADMITTED, SKIPPED_EMPTY, COMPLETED, PAUSED, RESUMED, ROLLED_BACK,
        ABORTED, SKIPPED_TO_END, SUPERSEDED }

    public static final int MAX_TEXT = 4000;

    public Decision {
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(kind, "kind");
        reason = clip(Objects.requireNonNullElse(reason, ""));
        figures = clip(Objects.requireNonNullElse(figures, ""));
    }

    private static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
