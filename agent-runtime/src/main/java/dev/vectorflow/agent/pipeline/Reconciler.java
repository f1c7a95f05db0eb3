package dev.vectorflow.agent.pipeline;

import dev.vectorflow.ports.in.agent.DesiredState;
import dev.vectorflow.ports.in.agent.PipelineConfig;
import dev.vectorflow.ports.in.agent.PipelineLogs;
import dev.vectorflow.ports.out.vector.runtime.VectorConfigRules;
import dev.vectorflow.ports.out.vector.runtime.VectorFailure;
import dev.vectorflow.ports.out.vector.runtime.VectorLaunch;
import dev.vectorflow.ports.out.vector.runtime.VectorProcess;
import dev.vectorflow.ports.out.vector.runtime.VectorProcesses;
import dev.vectorflow.ports.out.vector.runtime.VectorTelemetry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The agent's core: one Vector process per pipeline, brought to the config the server wants and kept there.
 * A new config is validated, then applied by SIGHUP (components only) or restart (global options changed), and must
 * keep Vector alive and healthy for the settle window, otherwise the last good config is put back and the new
 * checksum is refused until the server sends another. Crashes are restarted with backoff, up to CRASH_LOOP.
 * Thread-safe: every method holds the same lock; {@link #supervise()} is called every tick.
 */
public final class Reconciler {

    private static final System.Logger LOG = System.getLogger("vectorflow.agent");

    private final ReconcileSettings settings;
    private final VectorProcesses vector;
    private final VectorTelemetry telemetry;
    private final VectorConfigRules rules;
    private final SecretVault vault;
    private final PipelineStateStore store;
    private final Clock clock;
    private final Runnable onChange;
    private final PortPool ports;
    private final Map<String, ManagedPipeline> pipelines = new LinkedHashMap<>();

    public Reconciler(ReconcileSettings settings, VectorProcesses vector, VectorTelemetry telemetry, VectorConfigRules rules,
                      SecretVault vault, Path dataDirectory, Clock clock, Runnable onChange) {
        this.settings = settings;
        this.vector = vector;
        this.telemetry = telemetry;
        this.rules = rules;
        this.vault = vault;
        this.store = new PipelineStateStore(dataDirectory, clock);
        this.clock = clock;
        this.onChange = onChange;
        this.ports = new PortPool(settings.firstPort(), settings.portCount());
    }

    // ---------------------------------------------------------------- start-up

    /**
     * Finds the pipelines of an earlier run on disk and adopts their Vector processes when the pid file still names
     * one whose command line is this pipeline's (never a process reusing the pid). Returns how many were adopted.
     */
    public synchronized int recover() {
        int adopted = 0;
        for (PipelineStateStore.Saved saved : store.load()) {
            String id = saved.running().pipelineId();
            ports.claim(saved.apiPort());
            ports.claim(saved.metricsPort());
            ManagedPipeline p = new ManagedPipeline(id, saved.files(), saved.apiPort(), saved.metricsPort());
            // from where the previous agent stopped reading: what Vector wrote while no agent ran is delivered too
            p.output = vector.tail(saved.files().log(), saved.logOffset());
            p.savedLogOffset = saved.logOffset();
            p.running = saved.running();
            long pid = saved.pid();
            Optional<VectorProcess> process = pid > 0 ? vector.adopt(pid, launchOf(p)) : Optional.empty();
            if (process.isPresent()) {
                p.process = process.get();
                p.processStartedAt = process.get().startedAt();
                adopted++;
                LOG.log(System.Logger.Level.INFO, "adopted Vector pid " + pid + " of pipeline " + id + " (version "
                        + p.running.version() + ")");
            } else {
                p.restartAt = clock.instant();
                p.crashError = "Vector (pid " + pid + ") was gone when the agent started";
                LOG.log(System.Logger.Level.WARNING, "pipeline " + id + ": " + p.crashError + "; it restarts once its config is known");
            }
            pipelines.put(id, p);
        }
        return adopted;
    }

    /** The whole desired state (after a restart): deploys what is missing or different, stops what is not wanted. */
    public synchronized Map<String, Outcome> provide(DesiredState desired) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Set<String> wanted = new HashSet<>();
        for (PipelineConfig config : desired.pipelines()) {
            wanted.add(config.pipelineId());
            outcomes.put(config.pipelineId(), deploy(config));
        }
        for (String id : new ArrayList<>(pipelines.keySet())) {
            if (!wanted.contains(id)) {
                outcomes.put(id, undeploy(id));
            }
        }
        return outcomes;
    }

    // ---------------------------------------------------------------- actions

    public synchronized Outcome deploy(PipelineConfig config) {
        String id = config.pipelineId();
        ManagedPipeline p = pipelines.get(id);
        if (p != null && p.refusedChecksums.containsKey(config.checksum())) {
            return Outcome.failed("checksum " + config.checksum() + " was refused earlier and is not retried: "
                    + p.refusedChecksums.get(config.checksum()));
        }
        if (p != null && p.running != null && config.checksum().equals(p.running.checksum())) {
            boolean hadSecrets = p.secretsKnown;
            boolean newVersion = p.running.version() != config.version();
            p.running = config;
            p.secretsKnown = true;
            vault.put(id, config.secrets());
            if (!hadSecrets && p.process == null && !p.crashLoop) {
                p.restartAt = clock.instant();
            }
            if (newVersion) {
                store.save(p); // the same config under a new number (a rollback): nothing to reload, but report the number
                onChange.run();
            }
            return Outcome.done("version " + config.version() + " already runs");
        }
        boolean created = p == null;
        if (created) {
            try {
                p = new ManagedPipeline(id, store.files(id), ports.take(), ports.take());
                p.output = vector.tail(p.files.log(), VectorProcesses.FROM_END);
            } catch (IllegalArgumentException | IllegalStateException e) {
                return Outcome.failed(e.getMessage());
            }
        }
        try {
            p.files.prepare();
            p.files.writeCerts(config.certFiles());
            p.files.writeSidecar(sidecarOf(p));
            p.files.writeCandidate(config.configYaml());
        } catch (IOException | IllegalArgumentException e) {
            p.files.discardCandidate();
            String why = "cannot write the config of version " + config.version() + " under " + p.files.root() + ": " + e.getMessage();
            return refuse(p, created, config, why, false);
        }
        VectorProcesses.Validation validation = vector.validate(List.of(p.files.candidate(), p.files.sidecar()), p.files.root());
        if (!validation.valid()) {
            p.files.discardCandidate();
            rewriteCerts(p);
            return refuse(p, created, config, "vector validate refused version " + config.version() + ": "
                    + String.join("; ", validation.errors()), true);
        }
        try {
            p.files.promoteCandidate();
        } catch (IOException e) {
            p.files.discardCandidate();
            return refuse(p, created, config, "cannot put the config of version " + config.version() + " in place: " + e.getMessage(), false);
        }
        if (created) {
            pipelines.put(id, p);
        }
        PipelineConfig before = p.running;
        // while a switch still settles, the last proven config stays the fallback (not the unproven one); a config
        // whose Vector is not running (crashed, in CRASH_LOOP) is no fallback: going back to it would not keep anything running
        boolean beforeRuns = p.process != null && p.process.isAlive();
        p.fallback = p.settling && p.fallback != null ? p.fallback : p.secretsKnown && !p.runningRefused && beforeRuns ? before : null;
        p.runningRefused = false;
        p.running = config;
        p.secretsKnown = true;
        p.deployError = null;
        p.crashLoop = false;
        p.crashError = null;
        p.fastCrashes = 0;
        p.restartAt = null;
        vault.put(id, config.secrets());
        String how;
        if (p.process != null && p.process.isAlive()) {
            if (before != null && rules.requiresRestart(before.configYaml(), config.configYaml())) {
                p.log("[vectorflow-agent] a global option changed: restarting Vector for version " + config.version());
                p.process.stop(settings.stopGrace());
                p.process = null;
                how = launch(p) ? "restarted Vector (global options changed)" : "could not restart Vector";
            } else {
                try {
                    p.process.reload();
                    p.reloadsAwaited++;
                    p.reloadSentAt = clock.instant();
                    how = "reloaded Vector (SIGHUP)";
                } catch (VectorFailure e) {
                    p.log("[vectorflow-agent] " + e.getMessage() + "; restarting instead");
                    p.process.stop(settings.stopGrace());
                    p.process = null;
                    how = launch(p) ? "restarted Vector" : "could not restart Vector";
                }
            }
        } else {
            p.process = null;
            how = launch(p) ? "started Vector" : "could not start Vector";
        }
        beginSettling(p);
        store.save(p);
        onChange.run();
        return p.crashError == null ? Outcome.done(how + " with version " + config.version())
                : Outcome.failed(how + ": " + p.crashError);
    }

    private Outcome refuse(ManagedPipeline p, boolean created, PipelineConfig config, String why, boolean rememberChecksum) {
        LOG.log(System.Logger.Level.WARNING, "pipeline " + p.id + ": " + why);
        if (rememberChecksum) {
            p.refusedChecksums.put(config.checksum(), why);
        }
        p.deployError = why;
        if (created) {
            // nothing ran before: the pipeline is known, FAILED, with this version and no process
            p.running = config;
            p.secretsKnown = true;
            p.runningRefused = true;
            pipelines.put(p.id, p);
        }
        p.log("[vectorflow-agent] " + why + (created ? "" : "; the previous version keeps running"));
        onChange.run();
        return Outcome.failed(why);
    }

    /** Why this checksum was refused for this pipeline, if it was (then it is not fetched nor tried again). */
    public synchronized Optional<String> refusal(String pipelineId, String checksum) {
        ManagedPipeline p = pipelines.get(pipelineId);
        return p == null || checksum == null ? Optional.empty() : Optional.ofNullable(p.refusedChecksums.get(checksum));
    }

    public synchronized Outcome undeploy(String pipelineId) {
        ManagedPipeline p = pipelines.remove(pipelineId);
        if (p == null) {
            return Outcome.done("pipeline " + pipelineId + " does not run here");
        }
        if (p.process != null) {
            p.process.stop(settings.stopGrace());
        }
        vault.remove(pipelineId);
        p.files.deleteAll();
        ports.release(p.apiPort);
        ports.release(p.metricsPort);
        onChange.run();
        return Outcome.done("stopped and removed");
    }

    public synchronized Outcome restart(String pipelineId) {
        ManagedPipeline p = pipelines.get(pipelineId);
        if (p == null || p.running == null) {
            return Outcome.failed("pipeline " + pipelineId + " does not run here");
        }
        if (!p.secretsKnown) {
            return Outcome.failed("pipeline " + pipelineId + " waits for its config from the server");
        }
        if (p.process != null) {
            p.process.stop(settings.stopGrace());
            p.process = null;
        }
        p.crashLoop = false;
        p.fastCrashes = 0;
        p.crashError = null;
        boolean ok = launch(p);
        p.healthy = false;
        store.save(p);
        onChange.run();
        return ok ? Outcome.done("restarted") : Outcome.failed(p.crashError);
    }

    // ---------------------------------------------------------------- supervision

    /** One look at every pipeline: output, exits, restarts, health, settle windows. */
    public synchronized void supervise() {
        for (ManagedPipeline p : pipelines.values()) {
            superviseOne(p);
        }
    }

    private void superviseOne(ManagedPipeline p) {
        Instant now = clock.instant();
        // the log is read whether or not a process runs: a Vector that just exited or was stopped wrote last lines
        String refused = null;
        for (String line : p.output.newLines()) {
            p.log(line);
            if (p.reloadPending() && line.contains("Vector has reloaded.")) {
                p.reloadsAwaited--;
            } else if (p.reloadPending() && (line.contains("Reload was not successful") || line.contains("reload aborted"))) {
                p.reloadsAwaited--;
                // only the outcome of the last SIGHUP (the one for the running version) decides; an earlier one's is history
                refused = p.reloadPending() ? null : line.strip();
            }
        }
        store.saveLogOffsetWhenDue(p, now);
        if (refused != null) {
            rollBack(p, "Vector refused to reload version " + p.running.version() + ": " + refused, true);
            return;
        }
        if (p.reloadPending() && p.process != null && p.healthy && Duration.between(p.reloadSentAt, now).compareTo(settings.settleWindow()) >= 0) {
            // Vector logs a reload's outcome at info (success) or error (failure): with VECTOR_LOG above info, or two
            // SIGHUPs folded into one reload, no success line comes; no error within the settle window while Vector
            // answers its health check means the reload went through
            p.reloadsAwaited = 0;
            p.log("[vectorflow-agent] Vector logged no outcome of the reload to version " + p.running.version() + " within "
                    + settings.settleWindow().toSeconds() + " s and no error; it answers its health check, so the version counts as running");
            onChange.run();
        }
        if (p.process != null && !p.process.isAlive()) {
            onExit(p, now);
            return;
        }
        if (p.process == null) {
            if (p.restartAt != null && !p.crashLoop && p.secretsKnown && !now.isBefore(p.restartAt)) {
                p.restartAt = null;
                p.log("[vectorflow-agent] restarting Vector for version " + p.running.version());
                launch(p);
                store.save(p);
                onChange.run();
            } else if (p.restartAt != null && !p.secretsKnown && !p.running.configYaml().contains("SECRET[")) {
                p.secretsKnown = true; // nothing to wait for: the config holds no secret reference
            }
            return;
        }
        if (p.processStartedAt != null && p.fastCrashes > 0 && Duration.between(p.processStartedAt, now).compareTo(settings.stableAfter()) >= 0) {
            p.fastCrashes = 0;
        }
        boolean due = p.settling || !p.healthy || Duration.between(p.lastHealthCheck, now).compareTo(settings.steadyHealthEvery()) >= 0;
        if (due) {
            boolean wasHealthy = p.healthy;
            p.healthy = telemetry.healthy(p.apiAddress(), settings.healthTimeout());
            p.lastHealthCheck = clock.instant();
            if (p.healthy) {
                p.failedHealthChecks = 0;
                if (!p.reloadPending()) {
                    p.healthySinceSwitch = true;
                }
            } else {
                p.failedHealthChecks++;
            }
            if (wasHealthy != p.healthy) {
                onChange.run();
            }
        }
        if (p.settling) {
            if (p.healthySinceSwitch && p.failedHealthChecks >= 3 && p.fallback != null) {
                rollBack(p, "Vector stopped answering its health check within the settle window of version " + p.running.version(), false);
                return;
            }
            if (Duration.between(p.switchedAt, now).compareTo(settings.settleWindow()) >= 0) {
                if (p.healthy) {
                    p.settling = false;
                    p.fallback = null;
                    LOG.log(System.Logger.Level.INFO, "pipeline " + p.id + ": version " + p.running.version() + " settled");
                } else if (p.fallback != null) {
                    rollBack(p, "Vector did not answer its health check within the settle window of version " + p.running.version(), false);
                }
                // with nothing to fall back to, the pipeline stays STARTING (its report says Vector does not answer) until it does

            }
        }
    }

    private void onExit(ManagedPipeline p, Instant now) {
        OptionalInt code = p.process.exitCode();
        String exit = "Vector (pid " + p.process.pid() + ") exited" + (code.isPresent() ? " with code " + code.getAsInt() : "");
        p.process = null;
        p.healthy = false;
        p.reloadsAwaited = 0;
        if (p.settling && p.fallback != null) {
            rollBack(p, exit + " within the settle window of version " + p.running.version(), false);
            return;
        }
        boolean fast = p.processStartedAt == null || Duration.between(p.processStartedAt, now).compareTo(settings.stableAfter()) < 0;
        p.fastCrashes = fast ? p.fastCrashes + 1 : 1;
        p.crashError = exit;
        if (p.fastCrashes >= settings.crashLoopAfter()) {
            p.crashLoop = true;
            p.restartAt = null;
            p.settling = false;
            p.log("[vectorflow-agent] " + exit + "; " + p.fastCrashes + " fast crashes in a row: CRASH_LOOP, no more restarts until a new config arrives");
            LOG.log(System.Logger.Level.ERROR, "pipeline " + p.id + " is in CRASH_LOOP: " + exit);
        } else {
            Duration delay = settings.crashBackoff().delay(p.fastCrashes);
            p.restartAt = now.plus(delay);
            p.log("[vectorflow-agent] " + exit + "; restarting in " + delay.toMillis() + " ms (crash " + p.fastCrashes + ")");
            LOG.log(System.Logger.Level.WARNING, "pipeline " + p.id + ": " + exit + "; restart in " + delay.toMillis() + " ms");
        }
        onChange.run();
    }

    /** Puts the last good config back after a failed switch and refuses the new checksum until another comes. */
    private void rollBack(ManagedPipeline p, String why, boolean vectorKeptOldConfig) {
        PipelineConfig failed = p.running;
        PipelineConfig good = p.fallback;
        p.refusedChecksums.put(failed.checksum(), why);
        p.deployError = why;
        p.settling = false;
        p.fallback = null;
        LOG.log(System.Logger.Level.WARNING, "pipeline " + p.id + ": " + why + "; back to version " + (good == null ? "none" : good.version()));
        p.log("[vectorflow-agent] " + why + "; putting version " + (good == null ? "none" : good.version()) + " back");
        if (good == null) {
            onChange.run();
            return;
        }
        p.running = good;
        vault.put(p.id, good.secrets());
        try {
            p.files.writeCerts(good.certFiles());
            p.files.writeConfig(good.configYaml());
        } catch (IOException e) {
            p.deployError = why + "; and the previous config could not be written back: " + e.getMessage();
        }
        if (!vectorKeptOldConfig || p.process == null || !p.process.isAlive()) {
            if (p.process != null) {
                p.process.stop(settings.stopGrace());
                p.process = null;
            }
            launch(p);
        }
        store.save(p);
        onChange.run();
    }

    private void beginSettling(ManagedPipeline p) {
        p.settling = true;
        p.switchedAt = clock.instant();
        p.healthySinceSwitch = false;
        p.failedHealthChecks = 0;
        p.healthy = false;
    }

    private boolean launch(ManagedPipeline p) {
        try {
            movePortsIfTaken(p);
            p.process = vector.launch(launchOf(p));
            p.processStartedAt = clock.instant();
            p.healthy = false;
            p.reloadsAwaited = 0; // a new process loads its config at start: no reload of an earlier one is awaited
            p.crashError = null;
            return true;
        } catch (VectorFailure e) {
            p.process = null;
            p.crashError = e.getMessage();
            p.fastCrashes++;
            p.restartAt = p.fastCrashes >= settings.crashLoopAfter() ? null : clock.instant().plus(settings.crashBackoff().delay(p.fastCrashes));
            p.crashLoop = p.restartAt == null;
            p.log("[vectorflow-agent] " + e.getMessage());
            return false;
        }
    }

    /**
     * While Vector was down another process may have bound one of its ports (nothing stops a neighbour from taking a
     * free port): then Vector could not start, and worse, the health checks and scrapes would reach the neighbour. So
     * before every start the ports are checked and, when one is taken, the pipeline gets fresh ones in its sidecar.
     */
    private void movePortsIfTaken(ManagedPipeline p) throws VectorFailure {
        if (PortPool.free(p.apiPort) && PortPool.free(p.metricsPort)) {
            return;
        }
        int api;
        int metrics;
        try {
            api = ports.take();
            metrics = ports.take();
        } catch (IllegalStateException e) {
            throw new VectorFailure(e.getMessage(), e);
        }
        String before = p.apiAddress() + " and " + p.metricsAddress();
        ports.release(p.apiPort);
        ports.release(p.metricsPort);
        p.apiPort = api;
        p.metricsPort = metrics;
        try {
            p.files.writeSidecar(sidecarOf(p));
        } catch (IOException e) {
            throw new VectorFailure("cannot write " + p.files.sidecar() + " with new ports: " + e.getMessage(), e);
        }
        p.log("[vectorflow-agent] another process listens on " + before + ": Vector moves to " + p.apiAddress() + " and "
                + p.metricsAddress());
    }

    private VectorLaunch launchOf(ManagedPipeline p) {
        Map<String, String> env = new LinkedHashMap<>();
        String level = p.running == null || p.running.logLevel() == null || p.running.logLevel().isBlank() ? "info" : p.running.logLevel();
        env.put("VECTOR_LOG", level);
        return new VectorLaunch(p.files.root(), List.of(p.files.config(), p.files.sidecar()), p.files.log(), env);
    }

    private String sidecarOf(ManagedPipeline p) {
        List<String> command = new ArrayList<>(settings.secretCommand());
        if (!command.isEmpty()) {
            command.add("--pipeline");
            command.add(p.id);
        }
        return rules.sidecar(p.files.dataDir().toString(), p.apiAddress(), p.metricsAddress(), command);
    }

    private void rewriteCerts(ManagedPipeline p) {
        if (p.running != null) {
            try {
                p.files.writeCerts(p.running.certFiles());
            } catch (IOException e) {
                p.log("[vectorflow-agent] cannot write certificate files back: " + e.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------- reports

    public synchronized List<PipelineView> views() {
        Instant now = clock.instant();
        List<PipelineView> out = new ArrayList<>();
        for (ManagedPipeline p : pipelines.values()) {
            boolean alive = p.process != null && p.process.isAlive();
            String status;
            String error = p.deployError != null ? p.deployError : p.crashError;
            if (p.crashLoop) {
                status = "CRASH_LOOP";
                error = p.crashError;
            } else if (p.process == null && p.restartAt != null) {
                status = "CRASHED";
                error = p.crashError;
            } else if (p.deployError != null) {
                status = "FAILED";
            } else if (!alive) {
                status = "STOPPED";
            } else if (p.healthy && !p.reloadPending()) {
                status = "RUNNING";
            } else {
                status = "STARTING";
                if (p.failedHealthChecks >= 3) {
                    error = "Vector (pid " + p.process.pid() + ") does not answer its health check on " + p.apiAddress();
                }
            }
            Long uptime = alive && p.processStartedAt != null ? Math.max(0, Duration.between(p.processStartedAt, now).toSeconds()) : null;
            out.add(new PipelineView(p.id, p.running == null ? null : p.running.version(), p.running == null ? null : p.running.checksum(),
                    status, alive ? p.process.pid() : null, uptime, error,
                    alive ? p.apiAddress() : null, alive ? p.metricsAddress() : null));
        }
        return out;
    }

    /** New output lines of every pipeline since the last call (oldest first); lines dropped on the way are said so. */
    public synchronized List<PipelineLogs> drainLogs() {
        List<PipelineLogs> out = new ArrayList<>();
        for (ManagedPipeline p : pipelines.values()) {
            if (p.pendingLogs.isEmpty() && p.droppedLogs == 0) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            if (p.droppedLogs > 0) {
                lines.add("[vectorflow-agent] " + p.droppedLogs + " log lines dropped before they could be sent");
                p.droppedLogs = 0;
            }
            lines.addAll(p.pendingLogs);
            p.pendingLogs.clear();
            out.add(new PipelineLogs(p.id, lines));
        }
        return out;
    }

    /** Stops supervising; with {@code stopPipelines} false the Vector processes keep running for the next agent to adopt. */
    public synchronized void close(boolean stopPipelines) {
        if (stopPipelines) {
            pipelines.values().stream().filter(p -> p.process != null).forEach(p -> p.process.stop(settings.stopGrace()));
        }
        pipelines.values().forEach(store::saveLogOffset);
    }
}
