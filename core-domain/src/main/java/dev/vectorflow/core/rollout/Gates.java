package dev.vectorflow.core.rollout;

import java.util.Optional;

/**
 * The rate checks of a rollout's health gate; each is optional (absent: not checked). The status checks (every node of
 * the wave runs the new version, none crashed) always apply. Margins are percentage points over the previous version's
 * rate (errors or discarded events per event in); {@code minEventsOutFraction} is the share of the previous events-out
 * rate per node that the new version must reach.
 */
public record Gates(Optional<Double> errorRateMarginPercent, Optional<Double> discardedMarginPercent, Optional<Double> minEventsOutFraction) {

    public static final Gates NONE = new Gates(Optional.empty(), Optional.empty(), Optional.empty());

    public Gates {
        errorRateMarginPercent = errorRateMarginPercent == null ? Optional.empty() : errorRateMarginPercent;
        discardedMarginPercent = discardedMarginPercent == null ? Optional.empty() : discardedMarginPercent;
        minEventsOutFraction = minEventsOutFraction == null ? Optional.empty() : minEventsOutFraction;
    }

    /** True when any rate check is set. */
    public boolean any() {
        return errorRateMarginPercent.isPresent() || discardedMarginPercent.isPresent() || minEventsOutFraction.isPresent();
    }
}
