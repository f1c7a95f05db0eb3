package dev.vectorflow.core.rollout;

import dev.vectorflow.core.fleet.PipelineRunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The health gate of a wave, from what the server knows about the wave's nodes: the status each reports for the
 * pipeline and whether it runs the new version, and its live rates. Rates are compared per node with those the previous
 * version had when the rollout started.
 */
public final class HealthGate {

    /** Per-second rates of a pipeline on one node (or the average over several). */
    public record Rates(double eventsIn, double eventsOut, double errors, double discarded) {

        /** Errors per event in, in percent (100 when there are errors and nothing came in). */
        public double errorPercent() {
            return percent(errors);
        }

        public double discardedPercent() {
            return percent(discarded);
        }

        private double percent(double count) {
            if (eventsIn > 0) {
                return 100.0 * count / eventsIn;
            }
            return count > 0 ? 100.0 : 0.0;
        }

        public static Optional<Rates> average(List<Rates> rates) {
            if (rates.isEmpty()) {
                return Optional.empty();
            }
            double in = 0, out = 0, err = 0, disc = 0;
            for (Rates r : rates) {
                in += r.eventsIn;
                out += r.eventsOut;
                err += r.errors;
                disc += r.discarded;
            }
            int n = rates.size();
            return Optional.of(new Rates(in / n, out / n, err / n, disc / n));
        }
    }

    /**
     * What the server knows of one node of the wave: {@code reportedSinceAdmitted} when its report of the pipeline changed
     * after its wave was admitted (an agent that tried the new version and put the old one back reports FAILED with the
     * old checksum: that is the new version's failure too; a failure older than the admission is not, and neither is a
     * crash of the old version itself, CRASHED or CRASH_LOOP under the old checksum, which the switch has not reached yet).
     */
    public record NodeHealth(String node, PipelineRunStatus status, boolean runsTarget, boolean reportedSinceAdmitted, Optional<Rates> rates) {

        boolean failedOnNewVersion() {
            return status.failing() && (runsTarget || reportedSinceAdmitted && status == PipelineRunStatus.FAILED);
        }
    }

    /** The outcome: passed or not, why, and the figures that made it. */
    public record Verdict(boolean passed, String reason, String figures) {
    }

    private HealthGate() {
    }

    /** A crash of the new version on an admitted node fails the gate at once, soak or not. */
    public static Optional<Verdict> crashed(List<NodeHealth> admitted) {
        List<String> crashed = admitted.stream().filter(NodeHealth::failedOnNewVersion)
                .map(n -> n.node() + " " + n.status()).toList();
        return crashed.isEmpty() ? Optional.empty()
                : Optional.of(new Verdict(false, "the new version failed on " + crashed.size() + " node(s): " + names(crashed), ""));
    }

    /** True when every node of the wave runs the new version and reports RUNNING. */
    public static boolean converged(List<NodeHealth> wave) {
        return wave.stream().allMatch(n -> n.runsTarget() && n.status() == PipelineRunStatus.RUNNING);
    }

    /** The full gate at the end of a wave's soak. */
    public static Verdict evaluate(Gates gates, List<NodeHealth> wave, Optional<Rates> baseline) {
        Optional<Verdict> crash = crashed(wave);
        if (crash.isPresent()) {
            return crash.get();
        }
        List<String> behind = wave.stream().filter(n -> !(n.runsTarget() && n.status() == PipelineRunStatus.RUNNING))
                .map(n -> n.node() + " " + (n.runsTarget() ? n.status() : "not on the new version")).toList();
        if (!behind.isEmpty()) {
            return new Verdict(false, behind.size() + " node(s) of the wave do not run the new version: " + names(behind), "");
        }
        Optional<Rates> now = Rates.average(wave.stream().flatMap(n -> n.rates().stream()).toList());
        List<String> figures = new ArrayList<>();
        figures.add("nodes " + wave.size() + ", with rates " + wave.stream().filter(n -> n.rates().isPresent()).count());
        now.ifPresent(r -> figures.add("new per node: " + describe(r)));
        baseline.ifPresent(r -> figures.add("before per node: " + describe(r)));
        if (!gates.any()) {
            return new Verdict(true, "every node of the wave runs the new version; no rate checks set", String.join("; ", figures));
        }
        if (now.isEmpty() || baseline.isEmpty()) {
            figures.add("rate checks not evaluated: " + (now.isEmpty() ? "no live rates from the wave" : "no rates of the previous version"));
            return new Verdict(true, "every node of the wave runs the new version; rate checks had nothing to compare", String.join("; ", figures));
        }
        Rates n = now.get();
        Rates b = baseline.get();
        List<String> failed = new ArrayList<>();
        gates.errorRateMarginPercent().ifPresent(m -> {
            if (n.errorPercent() > b.errorPercent() + m) {
                failed.add("error rate %s %% is above %s %% + margin %s".formatted(f(n.errorPercent()), f(b.errorPercent()), f(m)));
            }
        });
        gates.discardedMarginPercent().ifPresent(m -> {
            if (n.discardedPercent() > b.discardedPercent() + m) {
                failed.add("discarded %s %% is above %s %% + margin %s".formatted(f(n.discardedPercent()), f(b.discardedPercent()), f(m)));
            }
        });
        gates.minEventsOutFraction().ifPresent(min -> {
            if (b.eventsOut() > 0 && n.eventsOut() < min * b.eventsOut()) {
                failed.add("events out %s/s is below %s × %s/s".formatted(f(n.eventsOut()), f(min), f(b.eventsOut())));
            }
        });
        if (!failed.isEmpty()) {
            return new Verdict(false, String.join("; ", failed), String.join("; ", figures));
        }
        return new Verdict(true, "every node of the wave runs the new version and its rates are within the gates", String.join("; ", figures));
    }

    private static String describe(Rates r) {
        return "in %s/s, out %s/s, errors %s %%, discarded %s %%".formatted(f(r.eventsIn()), f(r.eventsOut()), f(r.errorPercent()),
                f(r.discardedPercent()));
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String names(List<String> items) {
        return items.size() <= 10 ? String.join(", ", items) : String.join(", ", items.subList(0, 10)) + " and " + (items.size() - 10) + " more";
    }
}
