package dev.vectorflow.adapter.http.agent;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The access log's account of agent calls turned away for load (503: write queue full or database away; 429: rate
 * limit): one line per period with the counts instead of one line per call. A server shedding thousands of calls a
 * second must not spend its CPU and its log volume on writing each of them down (measured at 150,000 agents: 200 MB of
 * log lines in 3 minutes, the refusals costing about as much as the heartbeats they refused). The first refusal after a
 * quiet period is reported at once.
 */
public final class RefusalLog {

    private final long periodNanos;
    private final LongSupplier nanoTime;
    private final Consumer<String> sink;
    private final LongAdder busy = new LongAdder();
    private final LongAdder limited = new LongAdder();
    /** When the next line may be written ({@link System#nanoTime()} scale). */
    private final AtomicLong nextReport;

    public RefusalLog(long periodNanos, LongSupplier nanoTime, Consumer<String> sink) {
        this.periodNanos = periodNanos;
        this.nanoTime = nanoTime;
        this.sink = sink;
        this.nextReport = new AtomicLong(nanoTime.getAsLong());
    }

    /** Whether this status is counted here rather than logged on a line of its own. */
    public static boolean counted(int status) {
        return status == 503 || status == 429;
    }

    /** Counts one refused call and writes the line when the period is over. */
    public void count(int status) {
        (status == 429 ? limited : busy).increment();
        long now = nanoTime.getAsLong();
        long due = nextReport.get();
        if (now - due >= 0 && nextReport.compareAndSet(due, now + periodNanos)) {
            long b = busy.sumThenReset();
            long l = limited.sumThenReset();
            sink.accept("agent calls turned away since the last report: " + b + " × 503 (write queue full or database away), " + l
                    + " × 429 (rate limit); at most one such line every " + periodNanos / 1_000_000_000L + " s");
        }
    }
}
