package dev.vectorflow.agent.control;

import dev.vectorflow.agent.pipeline.Outcome;
import dev.vectorflow.agent.pipeline.PipelineView;
import dev.vectorflow.agent.pipeline.Pipelines;
import dev.vectorflow.agent.port.AgentUpdater;
import dev.vectorflow.agent.port.ControlPlane.Reply;
import dev.vectorflow.ports.protocol.ActionResult;
import dev.vectorflow.ports.protocol.ConfigRequest;
import dev.vectorflow.ports.protocol.PendingAction;
import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.protocol.PreviewJob;
import dev.vectorflow.ports.protocol.PreviewRequest;
import dev.vectorflow.ports.protocol.PreviewResult;
import dev.vectorflow.ports.protocol.SampleResult;
import dev.vectorflow.ports.out.vector.runtime.VectorTelemetry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Applies the actions a heartbeat answer lists (deploy, undeploy, restart, sample, preview, update) and puts their results in
 * the buffer for the next heartbeat. One-shot actions run once per id.
 */
final class ActionDispatcher {

    private static final System.Logger LOG = System.getLogger("vectorflow.agent");

    private final ControlSettings settings;
    private final ServerSession session;
    private final Pipelines pipelines;
    private final VectorTelemetry telemetry;
    private final AgentUpdater updater;
    private final TelemetryBuffer buffer;
    private final ExecutorService workers;
    private final Consumer<String> restartForUpdate;
    private final OneShotActions oneShots = new OneShotActions();
    // the last update failure of this run: sent with every heartbeat, so the node keeps showing it
    private volatile String updateError;

    ActionDispatcher(ControlSettings settings, ServerSession session, Pipelines pipelines, VectorTelemetry telemetry, AgentUpdater updater,
                     TelemetryBuffer buffer, ExecutorService workers, Consumer<String> restartForUpdate) {
        this.settings = settings;
        this.session = session;
        this.pipelines = pipelines;
        this.telemetry = telemetry;
        this.updater = updater;
        this.buffer = buffer;
        this.workers = workers;
        this.restartForUpdate = restartForUpdate;
    }

    /** Why the last update of this run failed, if one did. */
    String updateError() {
        return updateError;
    }

    void dispatch(List<PendingAction> actions) {
        for (PendingAction action : actions) {
            if (session.stopping()) {
                break;
            }
            apply(action);
        }
    }

    /**
     * The launcher put the previous agent back: the update action failed (the server settles it and stops sending it;
     * this agent would not run it again either) and {@link #updateError()} says why in every heartbeat of this run.
     */
    void reportRollback() {
        updater.rolledBack().ifPresent(rollback -> {
            LOG.log(System.Logger.Level.WARNING, "the update to " + rollback.version() + " was rolled back: " + rollback.message());
            updateError = rollback.message();
            rollback.actionId().ifPresent(id -> {
                ActionResult result = new ActionResult(id, ActionResult.FAILED, rollback.message());
                oneShots.settle(result);
                buffer.addActionResult(result);
            });
        });
    }

    private void apply(PendingAction action) {
        switch (action.type()) {
            case PendingAction.DEPLOY -> deploy(action);
            case PendingAction.UNDEPLOY -> settle(action, pipelines.undeploy(action.pipelineId()));
            case PendingAction.RESTART -> once(action, () -> settle(action, pipelines.restart(action.pipelineId())));
            case PendingAction.SAMPLE -> once(action, () -> workers.submit(() -> sample(action)));
            case PendingAction.UPDATE -> once(action, () -> update(action));
            case PendingAction.PREVIEW -> once(action, () -> workers.submit(() -> preview(action)));
            default -> buffer.addActionResult(new ActionResult(action.id(), ActionResult.FAILED,
                    "this agent (" + settings.agentVersion() + ") does not know action type '" + action.type() + "'"));
        }
    }

    /** A one-shot action that ran already is not run again: its result goes with the next heartbeat once more. */
    private void once(PendingAction action, Runnable run) {
        Optional<ActionResult> settled = oneShots.result(action.id());
        if (settled.isPresent()) {
            buffer.addActionResult(settled.get());
            return;
        }
        if (oneShots.start(action.id())) {
            run.run();
        }
    }

    private void settle(PendingAction action, Outcome outcome) {
        ActionResult result = new ActionResult(action.id(), outcome.succeeded() ? ActionResult.SUCCEEDED : ActionResult.FAILED, outcome.message());
        if (!action.type().equals(PendingAction.DEPLOY) && !action.type().equals(PendingAction.UNDEPLOY)) {
            oneShots.settle(result);
        }
        buffer.addActionResult(result);
    }

    private void deploy(PendingAction action) {
        Optional<String> refused = pipelines.refusal(action.pipelineId(), action.checksum());
        if (refused.isPresent()) {
            settle(action, Outcome.failed("checksum " + action.checksum() + " was refused earlier and is not retried: " + refused.get()));
            return;
        }
        Reply<PipelineConfig> reply = session.config(new ConfigRequest(action.pipelineId(), action.version()));
        switch (reply) {
            case Reply.Ok<PipelineConfig> ok -> settle(action, pipelines.deploy(ok.value()));
            case Reply.NotFound<PipelineConfig> n -> settle(action, Outcome.failed("the server has no config of pipeline "
                    + action.pipelineId() + " for this node: " + n.message()));
            case Reply.Rejected<PipelineConfig> r -> settle(action, Outcome.failed("the config request was refused (" + r.status() + "): " + r.message()));
            default -> session.usable(reply, "POST /api/agent/config");
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
        session.nudge();
    }

    /** Fetches the preview's configs and events, runs both, sends the outputs; a server that cannot be reached gets it on a later heartbeat. */
    private void preview(PendingAction action) {
        Reply<PreviewJob> job = session.previewJob(new PreviewRequest(action.requestId()));
        switch (job) {
            case Reply.Ok<PreviewJob> ok -> {
                PreviewResult result = pipelines.preview(ok.value());
                Reply<Void> sent = session.previewResult(result);
                switch (sent) {
                    case Reply.Ok<Void> done -> settle(action, Outcome.done("preview ran; the outputs were sent"));
                    case Reply.NotFound<Void> n -> settle(action, Outcome.failed("the server no longer waits for preview " + action.requestId()
                            + ": " + n.message()));
                    case Reply.Rejected<Void> r -> settle(action, Outcome.failed("the preview's outputs were refused (" + r.status() + "): "
                            + r.message()));
                    default -> {
                        oneShots.abandon(action.id());
                        session.usable(sent, "POST /api/agent/preview-result");
                    }
                }
            }
            case Reply.NotFound<PreviewJob> n -> settle(action, Outcome.failed("the server has no preview " + action.requestId() + ": " + n.message()));
            case Reply.Rejected<PreviewJob> r -> settle(action, Outcome.failed("the preview request was refused (" + r.status() + "): " + r.message()));
            default -> {
                oneShots.abandon(action.id());
                session.usable(job, "POST /api/agent/preview");
            }
        }
        session.nudge();
    }

    private void update(PendingAction action) {
        AgentUpdater.Result result = updater.install(action);
        switch (result) {
            case AgentUpdater.Result.Installed installed -> {
                LOG.log(System.Logger.Level.INFO, "agent " + installed.version() + " installed; restarting into it (pipelines keep running)");
                oneShots.abandon(action.id());
                session.stop();
                restartForUpdate.accept(installed.version());
            }
            case AgentUpdater.Result.Refused refused -> {
                updateError = refused.reason();
                settle(action, Outcome.failed(refused.reason()));
            }
        }
    }
}
