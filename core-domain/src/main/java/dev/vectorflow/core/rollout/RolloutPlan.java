package dev.vectorflow.core.rollout;

import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.InvalidValuesException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a deploy reaches its nodes in waves: the waves in order, the rate checks of the gate after each wave's soak, how
 * long a wave's nodes may take to run the new version, and whether a failed gate puts the previous version back.
 */
public record RolloutPlan(List<Wave> waves, Gates gates, boolean rollbackOnFailure, int convergeTimeoutSeconds) {

    public static final int MAX_WAVES = 20;
    public static final int MAX_SOAK_SECONDS = 7 * 24 * 3600;
    public static final int DEFAULT_CONVERGE_TIMEOUT_SECONDS = 300;
    public static final int MAX_CONVERGE_TIMEOUT_SECONDS = 24 * 3600;
    public static final int MAX_MARGIN_PERCENT = 100;

    public RolloutPlan {
        waves = List.copyOf(waves);
        Objects.requireNonNull(gates, "gates");
        if (waves.isEmpty()) {
            throw new IllegalArgumentException("a plan needs a wave");
        }
    }

    public Wave wave(int index) {
        return waves.get(index);
    }

    public int lastWave() {
        return waves.size() - 1;
    }

    /** A wave as a client sent it: exactly one of nodes, percent, label, rest; every value may be missing. */
    public record WaveDraft(Integer nodes, Integer percent, String label, Boolean rest, Integer soakSeconds) {
    }

    /** A plan as a client sent it, unchecked. */
    public record Draft(List<WaveDraft> waves, Double errorRateMarginPercent, Double discardedMarginPercent, Double minEventsOutFraction,
                        Boolean rollbackOnFailure, Integer convergeTimeoutSeconds) {
    }

    /** Checks a draft and builds the plan, or throws every problem at once (fields named {@code rollout.…}). */
    public static RolloutPlan of(Draft draft) {
        List<InvalidValueException> problems = new ArrayList<>();
        List<Wave> waves = new ArrayList<>();
        List<WaveDraft> drafts = draft.waves() == null ? List.of() : draft.waves();
        if (drafts.isEmpty()) {
            problems.add(new InvalidValueException("rollout.waves", "must name at least one wave"));
        } else if (drafts.size() > MAX_WAVES) {
            problems.add(new InvalidValueException("rollout.waves", "may have at most " + MAX_WAVES + " waves but has " + drafts.size()));
        }
        Gates gates = new Gates(margin(problems, "rollout.gates.errorRateMarginPercent", draft.errorRateMarginPercent()),
                margin(problems, "rollout.gates.discardedMarginPercent", draft.discardedMarginPercent()),
                fraction(problems, draft.minEventsOutFraction()));
        boolean gated = draft.errorRateMarginPercent() != null || draft.discardedMarginPercent() != null || draft.minEventsOutFraction() != null;
        for (int i = 0; i < Math.min(drafts.size(), MAX_WAVES); i++) {
            wave(problems, "rollout.waves[" + i + "]", drafts.get(i), i == drafts.size() - 1, gated).ifPresent(waves::add);
        }
        int converge = DEFAULT_CONVERGE_TIMEOUT_SECONDS;
        if (draft.convergeTimeoutSeconds() != null) {
            converge = draft.convergeTimeoutSeconds();
            if (converge < 1 || converge > MAX_CONVERGE_TIMEOUT_SECONDS) {
                problems.add(new InvalidValueException("rollout.convergeTimeoutSeconds",
                        "must be between 1 and " + MAX_CONVERGE_TIMEOUT_SECONDS + " but was " + converge));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidValuesException(problems);
        }
        return new RolloutPlan(waves, gates, Boolean.TRUE.equals(draft.rollbackOnFailure()), converge);
    }

    private static Optional<Wave> wave(List<InvalidValueException> problems, String field, WaveDraft draft, boolean last, boolean gated) {
        if (draft == null) {
            problems.add(new InvalidValueException(field, "must be an object"));
            return Optional.empty();
        }
        int before = problems.size();
        int kinds = (draft.nodes() != null ? 1 : 0) + (draft.percent() != null ? 1 : 0) + (draft.label() != null ? 1 : 0)
                + (Boolean.TRUE.equals(draft.rest()) ? 1 : 0);
        Wave.Size size = null;
        if (kinds != 1) {
            problems.add(new InvalidValueException(field, "must have exactly one of nodes, percent, label or rest: true but has " + kinds));
        } else if (draft.nodes() != null) {
            if (draft.nodes() < 1 || draft.nodes() > 100_000) {
                problems.add(new InvalidValueException(field + ".nodes", "must be between 1 and 100000 but was " + draft.nodes()));
            }
            size = new Wave.Nodes(draft.nodes());
        } else if (draft.percent() != null) {
            if (draft.percent() <= 0 || draft.percent() > 100) {
                problems.add(new InvalidValueException(field + ".percent", "must be more than 0 and at most 100 but was " + draft.percent()));
            }
            size = new Wave.Percent(draft.percent());
        } else if (draft.label() != null) {
            size = label(problems, field + ".label", draft.label());
        } else {
            if (!last) {
                problems.add(new InvalidValueException(field + ".rest", "may only be the last wave"));
            }
            size = new Wave.Rest();
        }
        Integer soak = draft.soakSeconds();
        if (soak == null) {
            problems.add(new InvalidValueException(field + ".soakSeconds", "is required (0 for no soak)"));
        } else if (soak < 0 || soak > MAX_SOAK_SECONDS) {
            problems.add(new InvalidValueException(field + ".soakSeconds", "must be between 0 and " + MAX_SOAK_SECONDS + " but was " + soak));
        } else if (soak == 0 && gated) {
            problems.add(new InvalidValueException(field + ".soakSeconds", "must be more than 0 while gates are set (rates need time to show)"));
        }
        return problems.size() == before ? Optional.of(new Wave(size, soak)) : Optional.empty();
    }

    private static Wave.Size label(List<InvalidValueException> problems, String field, String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || text.indexOf('=', eq + 1) >= 0) {
            problems.add(new InvalidValueException(field, "must be one key=value label but was '" + clip(text) + "'"));
            return null;
        }
        String key = text.substring(0, eq).strip();
        String value = text.substring(eq + 1).strip();
        if (!Labels.isValid(key, value)) {
            problems.add(new InvalidValueException(field, "is not a valid label (key and value as node labels allow) but was '" + clip(text) + "'"));
            return null;
        }
        return new Wave.Label(key, value);
    }

    private static String clip(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        StringBuilder clean = new StringBuilder();
        shown.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return clean.toString();
    }

    private static Optional<Double> margin(List<InvalidValueException> problems, String field, Double value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!Double.isFinite(value) || value < 0 || value > MAX_MARGIN_PERCENT) {
            problems.add(new InvalidValueException(field, "must be between 0 and " + MAX_MARGIN_PERCENT + " (percentage points) but was " + value));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private static Optional<Double> fraction(List<InvalidValueException> problems, Double value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!Double.isFinite(value) || value <= 0 || value > 1) {
            problems.add(new InvalidValueException("rollout.gates.minEventsOutFraction", "must be more than 0 and at most 1 but was " + value));
            return Optional.empty();
        }
        return Optional.of(value);
    }
}
