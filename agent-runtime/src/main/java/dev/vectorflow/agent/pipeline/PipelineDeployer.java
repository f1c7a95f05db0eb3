package dev.vectorflow.agent.pipeline;

import dev.vectorflow.ports.protocol.DesiredState;
import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.out.vector.runtime.VectorConfigRules;
import dev.vectorflow.ports.out.vector.runtime.VectorFailure;
import dev.vectorflow.ports.out.vector.runtime.VectorProcesses;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Brings a pipeline to the config the server sends (validated, then applied by SIGHUP, or by a restart when global
 * options changed; a refused checksum is not tried again), and undeploys and restarts. Called under the {@link Pipelines} lock.
 */
final class PipelineDeployer {

    private static final System.Logger LOG = System.getLogger("vectorflow.agent");

    private final Map<String, ManagedPipeline> pipelines;
    private final VectorProcesses vector;
    private final VectorConfigRules rules;
    private final SecretVault vault;
    private final PipelineStateStore store;
    private final VectorLauncher launcher;
    private final Clock clock;
    private final Runnable onChange;

    PipelineDeployer(Map<String, ManagedPipeline> pipelines, VectorProcesses vector, VectorConfigRules rules, SecretVault vault,
                     PipelineStateStore store, VectorLauncher launcher, Clock clock, Runnable onChange) {
        this.pipelines = pipelines;
        this.vector = vector;
        this.rules = rules;
        this.vault = vault;
        this.store = store;
        this.launcher = launcher;
        this.clock = clock;
        this.onChange = onChange;
    }

    /** The whole desired state (after a restart): deploys what is missing or different, stops what is not wanted. */
    Map<String, Outcome> provide(DesiredState desired) {
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

    Outcome deploy(PipelineConfig config) {
        String id = config.pipelineId();
        ManagedPipeline p = pipelines.get(id);
        if (p != null && p.refusedChecksums.containsKey(config.checksum())) {
            return Outcome.failed("checksum " + config.checksum() + " was refused earlier and is not retried: "
                    + p.refusedChecksums.get(config.checksum()));
        }
        if (p != null && p.running != null && config.checksum().equals(p.running.checksum())) {
            return confirm(p, config);
        }
        boolean created = p == null;
        if (created) {
            try {
                p = launcher.create(id, store.files(id));
            } catch (IllegalArgumentException | IllegalStateException e) {
                return Outcome.failed(e.getMessage());
            }
        }
        Optional<Outcome> refused = putInPlace(p, created, config);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (created) {
            pipelines.put(id, p);
        }
        PipelineConfig before = p.running;
        // while a switch still settles, the last proven config stays the fallback (not the unproven one); a config
        // whose Vector is not running (crashed, in CRASH_LOOP) is no fallback: going back to it would not keep anything running
        p.fallback = p.settling && p.fallback != null ? p.fallback : p.secretsKnown && !p.runningRefused && p.alive() ? before : null;
        p.runningRefused = false;
        p.running = config;
        p.secretsKnown = true;
        p.deployError = null;
        p.crashLoop = false;
        p.crashError = null;
        p.fastCrashes = 0;
        p.restartAt = null;
        vault.put(id, config.secrets());
        String how = apply(p, before, config);
        p.beginSettling(clock.instant());
        store.save(p);
        onChange.run();
        return p.crashError == null ? Outcome.done(how + " with version " + config.version())
                : Outcome.failed(how + ": " + p.crashError);
    }

    /** The config that runs, sent again (with its secrets after an agent restart, or under a new version number). */
    private Outcome confirm(ManagedPipeline p, PipelineConfig config) {
        boolean hadSecrets = p.secretsKnown;
        boolean newVersion = p.running.version() != config.version();
        p.running = config;
        p.secretsKnown = true;
        vault.put(p.id, config.secrets());
        if (!hadSecrets && p.process == null && !p.crashLoop) {
            p.restartAt = clock.instant();
        }
        if (newVersion) {
            store.save(p); // the same config under a new number (a rollback): nothing to reload, but report the number
            onChange.run();
        }
        return Outcome.done("version " + config.version() + " already runs");
    }

    /** Writes and validates the candidate, then puts it in place; the refusal when any of that failed. */
    private Optional<Outcome> putInPlace(ManagedPipeline p, boolean created, PipelineConfig config) {
        try {
            p.files.prepare();
            p.files.writeCerts(config.certFiles());
            p.files.writeSidecar(launcher.sidecar(p));
            p.files.writeCandidate(config.configYaml());
        } catch (IOException | IllegalArgumentException e) {
            p.files.discardCandidate();
            String why = "cannot write the config of version " + config.version() + " under " + p.files.root() + ": " + e.getMessage();
            return Optional.of(refuse(p, created, config, why, false));
        }
        VectorProcesses.Validation validation = vector.validate(List.of(p.files.candidate(), p.files.sidecar()), p.files.root());
        if (!validation.valid()) {
            p.files.discardCandidate();
            rewriteCerts(p);
            return Optional.of(refuse(p, created, config, "vector validate refused version " + config.version() + ": "
                    + String.join("; ", validation.errors()), true));
        }
        try {
            p.files.promoteCandidate();
        } catch (IOException e) {
            p.files.discardCandidate();
            return Optional.of(refuse(p, created, config, "cannot put the config of version " + config.version() + " in place: "
                    + e.getMessage(), false));
        }
        return Optional.empty();
    }

    /** Applies the config now in place to the running Vector (SIGHUP or restart), or starts one; says how. */
    private String apply(ManagedPipeline p, PipelineConfig before, PipelineConfig config) {
        if (!p.alive()) {
            p.process = null;
            return launcher.launch(p) ? "started Vector" : "could not start Vector";
        }
        if (before != null && rules.requiresRestart(before.configYaml(), config.configYaml())) {
            p.log("[vectorflow-agent] a global option changed: restarting Vector for version " + config.version());
            launcher.stop(p);
            return launcher.launch(p) ? "restarted Vector (global options changed)" : "could not restart Vector";
        }
        try {
            p.process.reload();
            p.reloadsAwaited++;
            p.reloadSentAt = clock.instant();
            return "reloaded Vector (SIGHUP)";
        } catch (VectorFailure e) {
            p.log("[vectorflow-agent] " + e.getMessage() + "; restarting instead");
            launcher.stop(p);
            return launcher.launch(p) ? "restarted Vector" : "could not restart Vector";
        }
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

    private void rewriteCerts(ManagedPipeline p) {
        if (p.running != null) {
            try {
                p.files.writeCerts(p.running.certFiles());
            } catch (IOException e) {
                p.log("[vectorflow-agent] cannot write certificate files back: " + e.getMessage());
            }
        }
    }

    /** Why this checksum was refused for this pipeline, if it was (then it is not fetched nor tried again). */
    Optional<String> refusal(String pipelineId, String checksum) {
        ManagedPipeline p = pipelines.get(pipelineId);
        return p == null || checksum == null ? Optional.empty() : Optional.ofNullable(p.refusedChecksums.get(checksum));
    }

    Outcome undeploy(String pipelineId) {
        ManagedPipeline p = pipelines.remove(pipelineId);
        if (p == null) {
            return Outcome.done("pipeline " + pipelineId + " does not run here");
        }
        launcher.stop(p);
        vault.remove(pipelineId);
        p.files.deleteAll();
        launcher.release(p);
        onChange.run();
        return Outcome.done("stopped and removed");
    }

    Outcome restart(String pipelineId) {
        ManagedPipeline p = pipelines.get(pipelineId);
        if (p == null || p.running == null) {
            return Outcome.failed("pipeline " + pipelineId + " does not run here");
        }
        if (!p.secretsKnown) {
            return Outcome.failed("pipeline " + pipelineId + " waits for its config from the server");
        }
        launcher.stop(p);
        p.crashLoop = false;
        p.fastCrashes = 0;
        p.crashError = null;
        boolean ok = launcher.launch(p);
        p.healthy = false;
        store.save(p);
        onChange.run();
        return ok ? Outcome.done("restarted") : Outcome.failed(p.crashError);
    }
}
