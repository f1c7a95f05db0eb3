package dev.vectorflow.adapter.notify;

import dev.vectorflow.ports.out.alert.DeliveryOutcome;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** How every delivery reports: the time since {@code started} (a {@link System#nanoTime} reading) and a cleaned error. */
final class Outcomes {

    private static final int ERROR_MAX = 400;

    private Outcomes() {
    }

    static DeliveryOutcome delivered(OptionalInt status, long started) {
        return new DeliveryOutcome(true, false, status, took(started), Optional.empty());
    }

    static DeliveryOutcome failed(boolean retryable, OptionalInt status, long started, String error) {
        return new DeliveryOutcome(false, retryable, status, took(started), Optional.of(Texts.clean(error, ERROR_MAX)));
    }

    /** The guard would not let the delivery out: a refused address is final, a name that did not resolve may resolve later. */
    static DeliveryOutcome refused(AddressGuard.Resolution resolution, long started) {
        boolean retryable = resolution instanceof AddressGuard.Resolution.Unresolvable;
        return failed(retryable, OptionalInt.empty(), started, resolution.problem().orElse("the address guard refused the host"));
    }

    static Duration took(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
