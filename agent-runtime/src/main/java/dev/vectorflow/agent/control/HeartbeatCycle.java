package dev.vectorflow.agent.control;

import dev.vectorflow.agent.control.ControlLoop.State;
import dev.vectorflow.agent.pipeline.Pipelines;
import dev.vectorflow.agent.port.AgentUpdater;
import dev.vectorflow.agent.port.ControlPlane.Reply;
import dev.vectorflow.ports.protocol.DesiredState;
import dev.vectorflow.ports.protocol.HeartbeatResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * After a start the whole desired state once, then a heartbeat every poll interval (sooner after a local change, backing
 * off with full jitter after a failure); the answer's actions go to the {@link ActionDispatcher}.
 */
final class HeartbeatCycle {

    private static final System.Logger LOG = System.getLogger("vectorflow.agent");

    private final ServerSession session;
    private final HeartbeatReporter reporter;
    private final ActionDispatcher dispatcher;
    private final Pipelines pipelines;
    private final AgentUpdater updater;
    private final Clock clock;

    private boolean desiredStateFetched;
    private boolean answeredOnce;
    private long heartbeats;
    private volatile Instant lastSuccess;
    /** The {@code Retry-After} of the last failed call, if the server named one. */
    private Optional<Duration> retryAfter = Optional.empty();

    HeartbeatCycle(ServerSession session, HeartbeatReporter reporter, ActionDispatcher dispatcher, Pipelines pipelines,
                   AgentUpdater updater, Clock clock) {
        this.session = session;
        this.reporter = reporter;
        this.dispatcher = dispatcher;
        this.pipelines = pipelines;
        this.updater = updater;
        this.clock = clock;
    }

    long heartbeats() {
        return heartbeats;
    }

    /** When the last heartbeat was answered, if ever. */
    Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    /** Runs until the session stops or ends with a 401; {@code fetchDesiredState} first when the node may run pipelines already. */
    void run(boolean fetchDesiredState) {
        desiredStateFetched = !fetchDesiredState;
        int failures = 0;
        while (!session.stopping() && session.state() != State.UNAUTHORIZED) {
            boolean ok = round();
            if (session.state() == State.UNAUTHORIZED || session.stopping()) {
                break;
            }
            Instant lastBeat = clock.instant();
            if (ok) {
                failures = 0;
                session.awaitNextBeat(lastBeat, session.pollInterval());
            } else {
                failures++;
                Duration wait = session.retryDelay(failures, retryAfter);
                session.state(State.BACKING_OFF);
                session.backOff(wait);
            }
        }
        if (session.state() != State.UNAUTHORIZED) {
            session.state(State.STOPPED);
        }
    }

    /** One round: (after a start) the desired state, then a heartbeat and its actions. False when the server could not be reached. */
    private boolean round() {
        retryAfter = Optional.empty();
        if (!desiredStateFetched) {
            Reply<DesiredState> reply = session.desiredState();
            if (!session.usable(reply, "GET /api/agent/config")) {
                retryAfterOf(reply);
                return false;
            }
            desiredStateFetched = true; // after a 404 or 400 too: heartbeats still bring deploy actions
            if (reply instanceof Reply.Ok<DesiredState> ok) {
                session.pollIntervalMs(ok.value().pollIntervalMs());
                pipelines.provide(ok.value()).forEach((id, outcome) -> LOG.log(System.Logger.Level.INFO,
                        "pipeline " + id + ": " + outcome.message()));
            }
        }
        return heartbeat();
    }

    private boolean heartbeat() {
        HeartbeatReporter.Outgoing outgoing = reporter.next();
        Reply<HeartbeatResponse> reply = session.heartbeat(outgoing.request());
        if (!(reply instanceof Reply.Ok<HeartbeatResponse> ok)) {
            reporter.unsent(outgoing);
            session.usable(reply, "heartbeat");
            retryAfterOf(reply);
            return false;
        }
        heartbeats++;
        lastSuccess = clock.instant();
        if (!answeredOnce) {
            answeredOnce = true;
            updater.heartbeatAnswered();
        }
        if (session.state() != State.CONNECTED) {
            LOG.log(System.Logger.Level.INFO, "connected to the server");
        }
        session.state(State.CONNECTED);
        session.pollIntervalMs(ok.value().pollIntervalMs());
        dispatcher.dispatch(ok.value().pendingActions());
        return true;
    }

    private void retryAfterOf(Reply<?> reply) {
        if (reply instanceof Reply.Unavailable<?> u) {
            retryAfter = u.retryAfter();
        }
    }

    /**
     * One last heartbeat after the cycle stopped (the agent is stopping): the log lines read since the previous one
     * reach the server now, since the next agent resumes reading the log after them. Best effort: no retry, no actions.
     */
    void farewell() {
        if (!session.hasToken() || session.state() == State.UNAUTHORIZED || lastSuccess == null) {
            return;
        }
        Optional<HeartbeatReporter.Outgoing> last = reporter.last();
        if (last.isPresent() && !(session.heartbeat(last.get().request()) instanceof Reply.Ok<HeartbeatResponse>)) {
            LOG.log(System.Logger.Level.WARNING, "the last log lines could not be sent before the agent stopped");
        }
    }
}
