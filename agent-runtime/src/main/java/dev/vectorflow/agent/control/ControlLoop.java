package dev.vectorflow.agent.control;

import dev.vectorflow.agent.pipeline.Pipelines;
import dev.vectorflow.agent.port.AgentUpdater;
import dev.vectorflow.agent.port.ControlPlane;
import dev.vectorflow.agent.port.HostProbe;
import dev.vectorflow.agent.port.NodeTokenStore;
import dev.vectorflow.ports.out.vector.runtime.VectorTelemetry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The agent's conversation with the server: the {@link Enroller} gets the node token once, then the {@link HeartbeatCycle}
 * reports and hands the answer's actions to the {@link ActionDispatcher}.
 */
public final class ControlLoop {

    /** Where the loop is. */
    public enum State { ENROLLING, CONNECTING, CONNECTED, BACKING_OFF, UNAUTHORIZED, STOPPED }

    private final NodeTokenStore tokens;
    private final ExecutorService workers = workerPool();
    private final ServerSession session;
    private final Enroller enroller;
    private final ActionDispatcher dispatcher;
    private final HeartbeatCycle cycle;

    public ControlLoop(ControlSettings settings, ControlPlane server, NodeTokenStore tokens, HostProbe host, Pipelines pipelines,
                       VectorTelemetry telemetry, AgentUpdater updater, Supplier<String> vectorVersion, Clock clock,
                       RandomGenerator random, Consumer<String> restartForUpdate) {
        this.tokens = tokens;
        TelemetryBuffer buffer = new TelemetryBuffer(20_000, 100, 500);
        this.session = new ServerSession(settings, server, tokens, clock, random);
        this.enroller = new Enroller(settings, server, tokens, vectorVersion, session);
        this.dispatcher = new ActionDispatcher(settings, session, pipelines, telemetry, updater, buffer, workers, restartForUpdate);
        HeartbeatReporter reporter = new HeartbeatReporter(settings, host, pipelines, telemetry, workers, buffer, vectorVersion,
                dispatcher::updateError);
        this.cycle = new HeartbeatCycle(session, reporter, dispatcher, pipelines, updater, clock);
    }

    /**
     * Scrapes and samples: up to 8 at once on platform threads that end after 5 s without work, so an agent between
     * heartbeats keeps none (virtual threads would keep the scheduler's carrier, poller and unparker threads).
     */
    private static ExecutorService workerPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(8, 8, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().daemon().name("vf-worker-", 1).factory());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    public State state() {
        return session.state();
    }

    public long heartbeats() {
        return cycle.heartbeats();
    }

    /** When the last call to the server succeeded, if ever. */
    public Optional<Instant> lastSuccess() {
        return cycle.lastSuccess();
    }

    /** Asks for a heartbeat soon (within the minimum gap), e.g. after a local change. */
    public void nudge() {
        session.nudge();
    }

    public void stop() {
        session.stop();
        workers.shutdownNow();
    }

    /** Runs until {@link #stop()} or a 401; the caller's thread does the calls. */
    public void run() throws NodeTokenStore.TokenStoreFailure {
        dispatcher.reportRollback();
        Optional<String> stored = tokens.load();
        if (stored.isPresent()) {
            session.useToken(stored.get());
            cycle.run(true);
        } else if (enroller.enroll()) {
            cycle.run(false); // a new node runs nothing yet: heartbeats bring its deploy actions
        }
    }

    /** One last heartbeat with the log lines read since the previous one, once the loop stopped (best effort). */
    public void farewell() {
        cycle.farewell();
    }
}
