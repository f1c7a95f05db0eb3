package dev.vectorflow.agent.control;

import dev.vectorflow.agent.pipeline.Outcome;
import dev.vectorflow.agent.pipeline.PipelineView;
import dev.vectorflow.agent.pipeline.Pipelines;
import dev.vectorflow.agent.port.AgentUpdater;
import dev.vectorflow.agent.port.ControlPlane;
import dev.vectorflow.agent.port.ControlPlane.Reply;
import dev.vectorflow.agent.port.HostProbe;
import dev.vectorflow.agent.port.NodeTokenStore;
import dev.vectorflow.ports.in.agent.ActionResult;
import dev.vectorflow.ports.in.agent.ComponentMetrics;
import dev.vectorflow.ports.in.agent.ConfigRequest;
import dev.vectorflow.ports.in.agent.DesiredState;
import dev.vectorflow.ports.in.agent.EnrollRequest;
import dev.vectorflow.ports.in.agent.EnrollResponse;
import dev.vectorflow.ports.in.agent.HeartbeatRequest;
import dev.vectorflow.ports.in.agent.HeartbeatResponse;
import dev.vectorflow.ports.in.agent.HostMetrics;
import dev.vectorflow.ports.in.agent.PendingAction;
import dev.vectorflow.ports.in.agent.PipelineConfig;
import dev.vectorflow.ports.in.agent.PipelineReport;
import dev.vectorflow.ports.in.agent.SampleResult;
import dev.vectorflow.ports.out.vector.runtime.VectorTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The agent's conversation with the server: enroll once, fetch the whole desired state after a start, then heartbeat
 * every poll interval (and soon after a local change), apply the pending actions and report their results in the
 * next heartbeat. The server being unreachable never stops the pipelines: calls back off with full jitter and
 * telemetry waits in a bounded buffer. A 401 stops every call (loudly) while the pipelines keep running.
 */
public final class ControlLoop {

    private static final System.Logger LOG = System.getLogger("vectorflow.agent");

    /** Where the loop is. */
    public enum State { ENROLLING, CONNECTING, CONNECTED, BACKING_OFF, UNAUTHORIZED, STOPPED }

    private final ControlSettings settings;
    private final ControlPlane server;
    private final NodeTokenStore tokens;
    private final HostProbe host;
    private final Pipelines pipelines;
    private final VectorTelemetry telemetry;
    private final AgentUpdater updater;
    private final Supplier<String> vectorVersion;
    private final Clock clock;
    private final RandomGenerator random;
    private final Consumer<String> restartForUpdate;
    private final TelemetryBuffer buffer = new TelemetryBuffer(20_000, 100, 500);
    private final Semaphore wake = new Semaphore(0);
    private final ExecutorService workers = workerPool();
    private final Map<String, ActionResult> settledOneShots = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ActionResult> eldest) {
            return size() > 512;
        }
    };
    private final java.util.Set<String> oneShotsInProgress = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private volatile State state = State.CONNECTING;
    private volatile boolean stopping;
    private volatile Duration pollInterval;
    private volatile Instant lastSuccess;
    // the last update failure of this run: sent with every heartbeat, so the node keeps showing it
    private volatile String updateError;
    private String nodeToken;
    private boolean desiredStateFetched;
    private boolean answeredOnce;
    private int failures;
    private long heartbeats;

    public ControlLoop(ControlSettings settings, ControlPlane server, NodeTokenStore tokens, HostProbe host, Pipelines pipelines,
                       VectorTelemetry telemetry, AgentUpdater updater, Supplier<String> vectorVersion, Clock clock,
                       RandomGenerator random, Consumer<String> restartForUpdate) {
        this.settings = settings;
        this.server = server;
        this.tokens = tokens;
        this.host = host;
        this.pipelines = pipelines;
        this.telemetry = telemetry;
        this.updater = updater;
        this.vectorVersion = vectorVersion;
        this.clock = clock;
        this.random = random;
        this.restartForUpdate = restartForUpdate;
        this.pollInterval = settings.pollInterval();
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
        return state;
    }

    public long heartbeats() {
        return heartbeats;
    }

    /** Asks for a heartbeat soon (within the minimum gap), e.g. after a local change. */
    public void nudge() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    public void stop() {
        stopping = true;
        wake.release();
        workers.shutdownNow();
    }

    /** Runs until {@link #stop()} or a 401; the caller's thread does the calls. */
    public void run() throws NodeTokenStore.TokenStoreFailure {
        updater.rolledBack().ifPresent(this::reportRollback);
        Optional<String> stored = tokens.load();
        if (stored.isPresent()) {
            nodeToken = stored.get();
        } else if (!enroll()) {
            return;
        }
        Instant lastBeat = Instant.EPOCH;
        while (!stopping && state != State.UNAUTHORIZED) {
            boolean ok = round();
            if (state == State.UNAUTHORIZED || stopping) {
                break;
            }
            lastBeat = clock.instant();
            Duration wait;
            if (ok) {
                failures = 0;
                wait = pollInterval;
            } else {
                failures++;
                wait = settings.retryBackoff().jittered(failures, random);
                state = State.BACKING_OFF;
            }
            sleepUntilWoken(lastBeat, wait, ok);
        }
        if (state != State.UNAUTHORIZED) {
            state = State.STOPPED;
        }
    }

    private void sleepUntilWoken(Instant since, Duration wait, boolean mayWakeEarly) {
        try {
            wake.drainPermits();
            long waitMs = Math.max(0, wait.toMillis());
            if (!mayWakeEarly) {
                // while backing off, only stop() may cut the wait short
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
                while (!stopping && System.nanoTime() < deadline) {
                    wake.tryAcquire(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())), TimeUnit.MILLISECONDS);
                }
                return;
            }
            if (wake.tryAcquire(waitMs, TimeUnit.MILLISECONDS) && !stopping) {
                long gap = settings.minHeartbeatGap().toMillis() - Duration.between(since, clock.instant()).toMillis();
                if (gap > 0) {
                    Thread.sleep(gap);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private boolean enroll() throws NodeTokenStore.TokenStoreFailure {
        if (settings.enrollmentToken().isEmpty()) {
            LOG.log(System.Logger.Level.ERROR, "This node holds no node token and VF_TOKEN is not set: ask an admin for an enrollment token and start the agent with VF_TOKEN.");
            state = State.UNAUTHORIZED;
            return false;
        }
        state = State.ENROLLING;
        int attempt = 0;
        while (!stopping) {
            EnrollRequest request = new EnrollRequest(settings.enrollmentToken().get(), settings.hostname(), settings.os(),
                    settings.agentVersion(), vectorVersion.get(), settings.labels());
            Reply<EnrollResponse> reply = server.enroll(request);
            switch (reply) {
                case Reply.Ok<EnrollResponse> ok -> {
                    tokens.save(ok.value().nodeToken());
                    nodeToken = ok.value().nodeToken();
                    if (ok.value().pollIntervalMs() > 0) {
                        pollInterval = Duration.ofMillis(ok.value().pollIntervalMs());
                    }
                    LOG.log(System.Logger.Level.INFO, "enrolled as node " + ok.value().nodeId() + " in environment "
                            + ok.value().environmentName() + "; the node token is stored, VF_TOKEN is no longer needed");
                    state = State.CONNECTING;
                    desiredStateFetched = true; // a new node runs nothing yet: heartbeats bring its deploy actions
                    return true;
                }
                case Reply.Unauthorized<EnrollResponse> u -> {
                    LOG.log(System.Logger.Level.ERROR, "The server refused the enrollment token (" + u.message()
                            + "): it is unknown, expired, revoked or used up. Ask an admin for a new one.");
                    state = State.UNAUTHORIZED;
                    return false;
                }
                case Reply.Rejected<EnrollResponse> r -> {
                    LOG.log(System.Logger.Level.ERROR, "The server refused the enrollment (" + r.status() + "): " + r.message());
                    state = State.UNAUTHORIZED;
                    return false;
                }
                case Reply.NotFound<EnrollResponse> n -> {
                    LOG.log(System.Logger.Level.ERROR, "VF_URL does not look like a VectorFlow server (enroll answered 404): " + n.message());
                    state = State.UNAUTHORIZED;
                    return false;
                }
                case Reply.Unavailable<EnrollResponse> u -> {
                    attempt++;
                    Duration wait = u.retryAfter().orElse(settings.retryBackoff().jittered(attempt, random));
                    LOG.log(System.Logger.Level.WARNING, "cannot enroll yet (" + u.message() + "); retrying in " + wait.toMillis() + " ms");
                    sleepUntilWoken(clock.instant(), wait, false);
                }
            }
        }
        return false;
    }

    /** One round: (after a start) the desired state, then a heartbeat and its actions. False when the server could not be reached. */
    boolean round() {
        if (!desiredStateFetched) {
            Reply<DesiredState> reply = server.desiredState(nodeToken);
            if (!handleFailure(reply, "GET /api/agent/config")) {
                return false;
            }
            if (reply instanceof Reply.Ok<DesiredState> ok) {
                desiredStateFetched = true;
                if (ok.value().pollIntervalMs() > 0) {
                    pollInterval = Duration.ofMillis(ok.value().pollIntervalMs());
                }
                pipelines.provide(ok.value()).forEach((id, outcome) -> LOG.log(System.Logger.Level.INFO,
                        "pipeline " + id + ": " + outcome.message()));
            } else {
                desiredStateFetched = true; // 404 or 400: heartbeats still bring deploy actions
            }
        }
        return heartbeat();
    }

    private HeartbeatRequest heartbeatRequest(List<PipelineReport> reports, TelemetryBuffer.Batch batch) {
        return new HeartbeatRequest(settings.agentVersion(), vectorVersion.get(), settings.deploymentMode(),
                settings.labels(), hostMetrics(), reports, batch.logs(), batch.samples(), batch.actionResults(), updateError);
    }

    /**
     * One last heartbeat after the loop stopped (the agent is stopping): the log lines read since the previous one
     * reach the server now, since the next agent resumes reading the log after them. Best effort: no retry, no actions.
     */
    public void farewell() {
        if (nodeToken == null || state == State.UNAUTHORIZED || lastSuccess == null) {
            return;
        }
        buffer.addLogs(pipelines.drainLogs());
        TelemetryBuffer.Batch batch = buffer.take();
        if (batch.logs().isEmpty() && batch.actionResults().isEmpty() && batch.samples().isEmpty()) {
            return;
        }
        // no scrape (the worker pool is shut down): the pipelines' states without counters this once
        List<PipelineReport> reports = pipelines.views().stream().map(v -> PipelineTotals.report(v, null)).toList();
        if (!(server.heartbeat(nodeToken, heartbeatRequest(reports, batch)) instanceof Reply.Ok<HeartbeatResponse>)) {
            LOG.log(System.Logger.Level.WARNING, "the last log lines could not be sent before the agent stopped");
        }
    }

    private boolean heartbeat() {
        buffer.addLogs(pipelines.drainLogs());
        List<PipelineReport> reports = reportsWithMetrics();
        TelemetryBuffer.Batch batch = buffer.take();
        HeartbeatRequest request = heartbeatRequest(reports, batch);
        Reply<HeartbeatResponse> reply = server.heartbeat(nodeToken, request);
        if (!(reply instanceof Reply.Ok<HeartbeatResponse> ok)) {
            buffer.putBack(batch);
            handleFailure(reply, "heartbeat");
            return false;
        }
        heartbeats++;
        lastSuccess = clock.instant();
        if (!answeredOnce) {
            answeredOnce = true;
            updater.heartbeatAnswered();
        }
        if (state != State.CONNECTED) {
            LOG.log(System.Logger.Level.INFO, "connected to the server");
        }
        state = State.CONNECTED;
        if (ok.value().pollIntervalMs() > 0) {
            pollInterval = Duration.ofMillis(ok.value().pollIntervalMs());
        }
        for (PendingAction action : ok.value().pendingActions()) {
            if (stopping) {
                break;
            }
            apply(action);
        }
        return true;
    }

    /** True when the reply is an answer the caller can use (Ok, NotFound, Rejected); false to back off. */
    private boolean handleFailure(Reply<?> reply, String call) {
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

    private HostMetrics hostMetrics() {
        try {
            return host.probe();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "host metrics unavailable: " + e.getMessage());
            return null;
        }
    }

    /** Scrapes every running pipeline in parallel within one budget: a hung Vector only loses its own counters. */
    private List<PipelineReport> reportsWithMetrics() {
        List<PipelineView> views = pipelines.views();
        Map<String, CompletableFuture<Optional<List<ComponentMetrics>>>> scrapes = new LinkedHashMap<>();
        for (PipelineView v : views) {
            if (v.metricsAddress() != null) {
                scrapes.put(v.pipelineId(), CompletableFuture.supplyAsync(() -> telemetry.scrape(v.metricsAddress(), settings.scrapeBudget()), workers));
            }
        }
        long deadline = System.nanoTime() + settings.scrapeBudget().toNanos();
        List<PipelineReport> reports = new ArrayList<>();
        for (PipelineView v : views) {
            List<ComponentMetrics> metrics = null;
            CompletableFuture<Optional<List<ComponentMetrics>>> f = scrapes.get(v.pipelineId());
            if (f != null) {
                try {
                    metrics = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).orElse(null);
                } catch (Exception e) {
                    f.cancel(true);
                }
            }
            reports.add(PipelineTotals.report(v, metrics));
        }
        return reports;
    }

    private void apply(PendingAction action) {
        switch (action.type()) {
            case PendingAction.DEPLOY -> deploy(action);
            case PendingAction.UNDEPLOY -> settle(action, pipelines.undeploy(action.pipelineId()));
            case PendingAction.RESTART -> once(action, () -> settle(action, pipelines.restart(action.pipelineId())));
            case PendingAction.SAMPLE -> once(action, () -> workers.submit(() -> sample(action)));
            case PendingAction.UPDATE -> once(action, () -> update(action));
            default -> buffer.addActionResult(new ActionResult(action.id(), ActionResult.FAILED,
                    "this agent (" + settings.agentVersion() + ") does not know action type '" + action.type() + "'"));
        }
    }

    /** One-shot actions run once per id; while the server still lists one, its result is sent again. */
    private void once(PendingAction action, Runnable run) {
        ActionResult settled;
        synchronized (settledOneShots) {
            settled = settledOneShots.get(action.id());
        }
        if (settled != null) {
            buffer.addActionResult(settled);
            return;
        }
        if (oneShotsInProgress.add(action.id())) {
            run.run();
        }
    }

    private void settle(PendingAction action, Outcome outcome) {
        ActionResult result = new ActionResult(action.id(), outcome.succeeded() ? ActionResult.SUCCEEDED : ActionResult.FAILED, outcome.message());
        if (!action.type().equals(PendingAction.DEPLOY) && !action.type().equals(PendingAction.UNDEPLOY)) {
            synchronized (settledOneShots) {
                settledOneShots.put(action.id(), result);
            }
            oneShotsInProgress.remove(action.id());
        }
        buffer.addActionResult(result);
    }

    private void deploy(PendingAction action) {
        Optional<String> refused = pipelines.refusal(action.pipelineId(), action.checksum());
        if (refused.isPresent()) {
            settle(action, Outcome.failed("checksum " + action.checksum() + " was refused earlier and is not retried: " + refused.get()));
            return;
        }
        Reply<PipelineConfig> reply = server.config(nodeToken, new ConfigRequest(action.pipelineId(), action.version()));
        switch (reply) {
            case Reply.Ok<PipelineConfig> ok -> settle(action, pipelines.deploy(ok.value()));
            case Reply.NotFound<PipelineConfig> n -> settle(action, Outcome.failed("the server has no config of pipeline "
                    + action.pipelineId() + " for this node: " + n.message()));
            case Reply.Rejected<PipelineConfig> r -> settle(action, Outcome.failed("the config request was refused (" + r.status() + "): " + r.message()));
            default -> handleFailure(reply, "POST /api/agent/config");
        }
    }

    private void sample(PendingAction action) {
        Optional<PipelineView> view = pipelines.views().stream().filter(v -> v.pipelineId().equals(action.pipelineId())).findFirst();
        int limit = action.limit() == null || action.limit() < 1 ? 10 : Math.min(action.limit(), 500);
        List<String> keys = action.componentKeys() == null ? List.of() : action.componentKeys();
        for (String key : keys) {
            SampleResult result = view.filter(v -> v.apiAddress() != null)
                    .map(v -> telemetry.sample(v.apiAddress(), action.requestId(), key, limit, settings.sampleTimeout()))
                    .orElse(new SampleResult(action.requestId(), key, List.of(), List.of(), "pipeline " + action.pipelineId() + " does not run here"));
            buffer.addSample(result);
        }
        settle(action, view.isPresent() ? Outcome.done("sampled " + keys.size() + " component(s)")
                : Outcome.failed("pipeline " + action.pipelineId() + " does not run here"));
        nudge();
    }

    private void update(PendingAction action) {
        AgentUpdater.Result result = updater.install(action);
        switch (result) {
            case AgentUpdater.Result.Installed installed -> {
                LOG.log(System.Logger.Level.INFO, "agent " + installed.version() + " installed; restarting into it (pipelines keep running)");
                oneShotsInProgress.remove(action.id());
                stopping = true;
                restartForUpdate.accept(installed.version());
            }
            case AgentUpdater.Result.Refused refused -> {
                updateError = refused.reason();
                settle(action, Outcome.failed(refused.reason()));
            }
        }
    }

    /**
     * The launcher put the previous agent back: the update action failed (the server settles it and stops sending it;
     * this agent would not run it again either) and {@code updateError} says why in every heartbeat of this run.
     */
    private void reportRollback(AgentUpdater.RolledBack rollback) {
        LOG.log(System.Logger.Level.WARNING, "the update to " + rollback.version() + " was rolled back: " + rollback.message());
        updateError = rollback.message();
        rollback.actionId().ifPresent(id -> {
            ActionResult result = new ActionResult(id, ActionResult.FAILED, rollback.message());
            synchronized (settledOneShots) {
                settledOneShots.put(id, result);
            }
            buffer.addActionResult(result);
        });
    }

    /** When the last call to the server succeeded, if ever. */
    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }
}
