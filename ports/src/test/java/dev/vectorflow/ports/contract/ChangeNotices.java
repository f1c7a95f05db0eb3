package dev.vectorflow.ports.contract;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a change notice: a fake delivers it at once, a database once the listening connection received it. */
final class ChangeNotices {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Duration MOMENT = Duration.ofMillis(300);

    private ChangeNotices() {
    }

    /** True as soon as {@code seen} holds; false when it still does not after a generous wait. */
    static boolean eventually(BooleanSupplier seen) {
        return within(PATIENCE, seen);
    }

    /** True when {@code seen} does not hold during a moment (a notice that should not come would have come by then). */
    static boolean stillNotAfterAMoment(BooleanSupplier seen) {
        return !within(MOMENT, seen);
    }

    private static boolean within(Duration wait, BooleanSupplier seen) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!seen.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
