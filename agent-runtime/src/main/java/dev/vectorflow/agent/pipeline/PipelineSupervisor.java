package dev.vectorflow.agent.pipeline;

import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.out.vector.runtime.VectorTelemetry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * Looks at one pipeline every tick: its log and reload outcomes, exits and restarts with backoff up to CRASH_LOOP,
 * health, and the settle window that puts the last good config back. Called under the {@link Pipelines} lock.
 */
final class PipelineSupervisor {

    private static final System.Logger LOG = System.getLogger("vectorflow.agent");

    private final PipelineSettings settings;
    private final VectorTelemetry telemetry;
    private final SecretVault vault;
    private final PipelineStateStore store;
    private final VectorLauncher launcher;
    private final Clock clock;
    private final Runnable onChange;

    PipelineSupervisor(PipelineSettings settings, VectorTelemetry telemetry, SecretVault vault, PipelineStateStore store,
                       VectorLauncher launcher, Clock clock, Runnable onChange) {
        this.settings = settings;
        this.telemetry = telemetry;
        this.vault = vault;
        this.store = store;
        this.launcher = launcher;
        this.clock = clock;
        this.onChange = onChange;
    }

    /**
     * Takes over a pipeline an earlier agent left, with its Vector when that still runs (never a process reusing the
     * pid); otherwise Vector restarts once the server sent the config again.
     */
    ManagedPipeline adopt(PipelineStateStore.Saved saved) {
        ManagedPipeline p = launcher.restore(saved);
        if (p.process != null) {
            LOG.log(System.Logger.Level.INFO, "adopted Vector pid " + saved.pid() + " of pipeline " + p.id + " (version "
                    + p.running.version() + ")");
        } else {
            p.restartAt = clock.instant();
            p.crashError = "Vector (pid " + saved.pid() + ") was gone when the agent started";
            LOG.log(System.Logger.Level.WARNING, "pipeline " + p.id + ": " + p.crashError + "; it restarts once its config is known");
        }
        return p;
    }

    /** One look at the pipeline: output, exit, restart, health, settle window. */
    void supervise(ManagedPipeline p) {
        Instant now = clock.instant();
        String refused = readLog(p);
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
            restartWhenDue(p, now);
            return;
        }
        if (p.processStartedAt != null && p.fastCrashes > 0 && Duration.between(p.processStartedAt, now).compareTo(settings.stableAfter()) >= 0) {
            p.fastCrashes = 0;
        }
        checkHealth(p, now);
        if (p.settling) {
            settle(p, now);
        }
    }

    /**
     * Passes the new log lines on and counts the reload outcomes among them; the refusal line when Vector refused the
     * last reload. The log is read whether or not a process runs: a Vector that just exited or was stopped wrote last lines.
     */
    private static String readLog(ManagedPipeline p) {
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
        return refused;
    }

    private void restartWhenDue(ManagedPipeline p, Instant now) {
        if (p.restartAt != null && !p.crashLoop && p.secretsKnown && !now.isBefore(p.restartAt)) {
            p.restartAt = null;
            p.log("[vectorflow-agent] restarting Vector for version " + p.running.version());
            launcher.launch(p);
            store.save(p);
            onChange.run();
        } else if (p.restartAt != null && !p.secretsKnown && !p.running.configYaml().contains("SECRET[")) {
            p.secretsKnown = true; // nothing to wait for: the config holds no secret reference
        }
    }

    private void checkHealth(ManagedPipeline p, Instant now) {
        boolean due = p.settling || !p.healthy || Duration.between(p.lastHealthCheck, now).compareTo(settings.steadyHealthEvery()) >= 0;
        if (!due) {
            return;
        }
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

    private void settle(ManagedPipeline p, Instant now) {
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
        if (!vectorKeptOldConfig || !p.alive()) {
            launcher.stop(p);
            launcher.launch(p);
        }
        store.save(p);
        onChange.run();
    }
}
