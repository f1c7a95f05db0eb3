package dev.vectorflow.agent.control;

import dev.vectorflow.agent.control.ControlLoop.State;
import dev.vectorflow.agent.port.ControlPlane;
import dev.vectorflow.agent.port.ControlPlane.Reply;
import dev.vectorflow.agent.port.NodeTokenStore;
import dev.vectorflow.ports.protocol.ConfigRequest;
import dev.vectorflow.ports.protocol.DesiredState;
import dev.vectorflow.ports.protocol.HeartbeatRequest;
import dev.vectorflow.ports.protocol.HeartbeatResponse;
import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.protocol.PreviewJob;
import dev.vectorflow.ports.protocol.PreviewRequest;
import dev.vectorflow.ports.protocol.PreviewResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The node's conversation with the server once it holds a node token: the calls that carry the token, where the
 * conversation stands (a 401 ends it), the poll interval and the waits between calls.
 */
final class ServerSession {

    private static final System.Logger LOG = System.getLogger("vectorflow.agent");

    private final ControlSettings settings;
    private final ControlPlane server;
    private final NodeTokenStore tokens;
    private final Clock clock;
    private final RandomGenerator random;
    private final Semaphore wake = new Semaphore(0);

    private volatile State state = State.CONNECTING;
    private volatile boolean stopping;
    private volatile Duration pollInterval;
    private volatile String nodeToken;

    ServerSession(ControlSettings settings, ControlPlane server, NodeTokenStore tokens, Clock clock, RandomGenerator random) {
        this.settings = settings;
        this.server = server;
        this.tokens = tokens;
        this.clock = clock;
        this.random = random;
        this.pollInterval = settings.pollInterval();
    }

    State state() {
        return state;
    }

    void state(State state) {
        this.state = state;
    }

    boolean stopping() {
        return stopping;
    }

    /** Ends the conversation after the current call; a wait in progress ends now. */
    void stop() {
        stopping = true;
        wake.release();
    }

    boolean hasToken() {
        return nodeToken != null;
    }

    void useToken(String nodeToken) {
        this.nodeToken = nodeToken;
    }

    Duration pollInterval() {
        return pollInterval;
    }

    /** The server's poll interval, when it sent one. */
    void pollIntervalMs(long millis) {
        if (millis > 0) {
            pollInterval = Duration.ofMillis(millis);
        }
    }

    /** Full jitter before retry {@code attempt}, so that many agents do not retry in the same second. */
    Duration retryDelay(int attempt) {
        return settings.retryBackoff().jittered(attempt, random);
    }

    /** The longest {@code Retry-After} taken from a server; a larger one is cut to this. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    /**
     * The wait after failure {@code attempt}: the jittered backoff, or when the server named a {@code Retry-After} of r,
     * a random time between r and 2r if that is longer (r at most {@link #MAX_RETRY_AFTER}), so that a fleet told to
     * come back in r seconds does not come back in the same second.
     */
    Duration retryDelay(int attempt, Optional<Duration> retryAfter) {
        Duration backoff = retryDelay(attempt);
        if (retryAfter.isEmpty() || retryAfter.get().isNegative() || retryAfter.get().isZero()) {
            return backoff;
        }
        long r = Math.min(retryAfter.get().toMillis(), MAX_RETRY_AFTER.toMillis());
        Duration spread = Duration.ofMillis(r + random.nextLong(r + 1));
        return spread.compareTo(backoff) > 0 ? spread : backoff;
    }

    Reply<DesiredState> desiredState() {
        return server.desiredState(nodeToken);
    }

    Reply<HeartbeatResponse> heartbeat(HeartbeatRequest request) {
        return server.heartbeat(nodeToken, request);
    }

    Reply<PipelineConfig> config(ConfigRequest request) {
        return server.config(nodeToken, request);
    }

    Reply<PreviewJob> previewJob(PreviewRequest request) {
        return server.previewJob(nodeToken, request);
    }

    Reply<Void> previewResult(PreviewResult result) {
        return server.previewResult(nodeToken, result);
    }

    /**
     * True when the reply is an answer the caller can use (Ok, NotFound, Rejected); false to back off. A 401 ends the
     * conversation (loudly) and sets the token aside, so that the next start enrolls again.
     */
    boolean usable(Reply<?> reply, String call) {
        switch (reply) {
            case Reply.Unauthorized<?> u -> {
                state = State.UNAUTHORIZED;
                String banner = "*".repeat(78);
                LOG.log(System.Logger.Level.ERROR, "\n" + banner + "\nThe server answered 401 to " + call + ": this node's token is unknown or revoked ("
                        + u.message() + ").\nThe agent stops calling the server. Pipelines keep running as they are.\n"
                        + "To reconnect: enroll again (start the agent with a new VF_TOKEN; the refused token was set aside).\n" + banner);
                try {
                    tokens.reject();
                } catch (NodeTokenStore.TokenStoreFailure e) {
                    LOG.log(System.Logger.Level.ERROR, "could not set the refused node token aside: " + e.getMessage());
                }
                return false;
            }
            case Reply.Unavailable<?> u -> {
                LOG.log(System.Logger.Level.WARNING, call + " failed: " + u.message() + " (pipelines keep running; retrying with backoff)");
                return false;
            }
            case Reply.Rejected<?> r -> {
                LOG.log(System.Logger.Level.ERROR, call + " was refused (" + r.status() + "): " + r.message());
                return true;
            }
            default -> {
                return true;
            }
        }
    }

    /** Asks for a heartbeat soon (within the minimum gap), e.g. after a local change. */
    void nudge() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /** Waits until the next heartbeat is due: {@code wait} after {@code since}, or sooner on a nudge (never within the minimum gap). */
    void awaitNextBeat(Instant since, Duration wait) {
        try {
            wake.drainPermits();
            if (wake.tryAcquire(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS) && !stopping) {
                long gap = settings.minHeartbeatGap().toMillis() - Duration.between(since, clock.instant()).toMillis();
                if (gap > 0) {
                    Thread.sleep(gap);
                }
            }
        } catch (InterruptedException e) {
            interrupted();
        }
    }

    /** Waits after a failed call; only {@link #stop()} cuts the wait short. */
    void backOff(Duration wait) {
        try {
            wake.drainPermits();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, wait.toMillis()));
            while (!stopping && System.nanoTime() < deadline) {
                wake.tryAcquire(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            interrupted();
        }
    }

    private void interrupted() {
        Thread.currentThread().interrupt();
        stopping = true;
    }
}
