package dev.vectorflow.bench.load;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How long a deploy takes to reach every simulated agent. Once the deploy request is sent, the heartbeat answers of the
 * agents not yet served are searched as text (no JSON parse) for the {@code deploy} action of the new pipeline, whose
 * id is {@code deploy-<pipelineId>-<version>-<checksum prefix>}; the first answer that carries it counts as served.
 * Answers of agents already served are dropped unread, as before.
 */
final class DeployWatch {

    private static final String CHECKSUM = "\"checksum\":\"";

    private final int agents;
    private final AtomicLongArray servedAt;
    private final AtomicInteger served = new AtomicInteger();
    private volatile String pipelineId;
    private volatile String marker;
    private volatile int version;
    /** {@code System.nanoTime()} when the deploy request was sent; 0 before. */
    private volatile long requestedAt;
    private volatile long answeredAt;
    private volatile String failure;

    DeployWatch(int agents) {
        this.agents = agents;
        this.servedAt = new AtomicLongArray(agents);
    }

    /** The pipeline and published version the deploy will point at. */
    void prepared(String pipeline, int number) {
        this.pipelineId = pipeline;
        this.version = number;
        this.marker = "\"deploy-" + pipeline + "-" + number + "-";
    }

    String pipelineId() {
        return pipelineId;
    }

    int version() {
        return version;
    }

    void requested(long at) {
        requestedAt = at;
    }

    void answered(long at) {
        answeredAt = at;
    }

    void failed(String why) {
        failure = why;
    }

    /** Whether the next answer to agent {@code index} has to be read: the deploy was requested and has not reached it. */
    boolean watching(int index) {
        return requestedAt != 0 && servedAt.get(index) == 0;
    }

    /**
     * Looks for the deploy in one answer to agent {@code index}, received at {@code at}; the config checksum it carries
     * when it is there (the agent was served), else null.
     */
    String check(int index, String answer, long at) {
        int action = answer.indexOf(marker);
        if (action < 0) {
            return null;
        }
        int checksum = answer.indexOf(CHECKSUM, action);
        if (checksum < 0) {
            return null;
        }
        int from = checksum + CHECKSUM.length();
        int to = answer.indexOf('"', from);
        if (to < 0) {
            return null;
        }
        if (servedAt.compareAndSet(index, 0, at)) {
            served.incrementAndGet();
        }
        return answer.substring(from, to);
    }

    int agents() {
        return agents;
    }

    int served() {
        return served.get();
    }

    boolean requested() {
        return requestedAt != 0;
    }

    /** The deploy request's time and when 50 %, 99 % and 100 % of the agents had been served, from the deploy request. */
    String summary(long deployAtSeconds) {
        if (failure != null) {
            return "deploy at " + deployAtSeconds + " s: failed: " + failure;
        }
        if (requestedAt == 0) {
            return "deploy at " + deployAtSeconds + " s: not requested (the run ended first)";
        }
        long[] after = new long[served.get()];
        int n = 0;
        for (int i = 0; i < agents && n < after.length; i++) {
            long at = servedAt.get(i);
            if (at != 0) {
                after[n++] = at - requestedAt;
            }
        }
        Arrays.sort(after, 0, n);
        return String.format(Locale.ROOT, "deploy at %d s into the measured period: POST /api/pipelines/%s/deployments (version %d) answered in"
                        + " %.0f ms%nnew desired state served (from the deploy request) to 50 %% of %d agents after %s, 99 %% after %s,"
                        + " 100 %% after %s; never served by the end: %d", deployAtSeconds, pipelineId, version,
                (answeredAt - requestedAt) / 1e6, agents, after(after, n, 50), after(after, n, 99), after(after, n, 100), agents - n);
    }

    private String after(long[] sorted, int n, int percent) {
        int needed = (int) Math.max(1, Math.ceil(agents * percent / 100.0));
        return needed > n ? "not reached" : String.format(Locale.ROOT, "%.1f s", sorted[needed - 1] / 1e9);
    }
}
