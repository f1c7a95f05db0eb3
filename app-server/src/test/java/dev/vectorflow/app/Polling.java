package dev.vectorflow.app;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting in end-to-end tests for what a real process does in its own time. */
final class Polling {

    private Polling() {
    }

    /**
     * Asks {@code probe} every 250 ms until its answer is non-null and {@code done}; fails after {@code timeout} with the
     * last answer and {@code context} (e.g. the processes' output).
     */
    static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done, Supplier<String> context)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (last != null && done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting until " + what + "; last answer: " + last + "\n" + context.get());
    }
}
