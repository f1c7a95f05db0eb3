package dev.vectorflow.core.fleet;

import dev.vectorflow.core.pipeline.PipelineId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node's desired state: the deployed pipelines of its environment whose selector matches its labels, or nothing while it
 * is in maintenance. {@link #actionsAgainst} is the level-triggered difference to what the node reports.
 */
public record DesiredPipelines(Map<PipelineId, DesiredPipeline> pipelines) {

    public DesiredPipelines {
        pipelines = Map.copyOf(pipelines);
    }

    public static DesiredPipelines forNode(Labels labels, boolean maintenance, List<DesiredPipeline> deployed) {
        return forNode(null, labels, maintenance, deployed, Map.of());
    }

    /**
     * As {@link #forNode(Labels, boolean, List)}, with the pipelines in a staged rollout: a node outside its admitted
     * waves gets the previous version instead (if that one's selector matches it), or nothing.
     */
    public static DesiredPipelines forNode(NodeId node, Labels labels, boolean maintenance, List<DesiredPipeline> deployed,
                                           Map<PipelineId, StagedPipeline> staged) {
        if (maintenance) {
            return new DesiredPipelines(Map.of());
        }
        Map<PipelineId, DesiredPipeline> wanted = new LinkedHashMap<>();
        for (DesiredPipeline pipeline : deployed) {
            StagedPipeline stage = staged.get(pipeline.pipelineId());
            DesiredPipeline chosen = stage == null || stage.admits(node) ? pipeline : stage.previous().orElse(null);
            if (chosen != null && chosen.selector().matches(labels)) {
                wanted.put(chosen.pipelineId(), chosen);
            }
        }
        return new DesiredPipelines(wanted);
    }

    /** What a node reports about one of its pipelines, as far as reconciling needs it. */
    public record Reported(PipelineId pipelineId, Integer version, String checksum, PipelineRunStatus status) {
    }

    /** One derived action: deploy a target or undeploy a pipeline; {@code id} is the same for the same target. */
    public sealed interface Action permits Deploy, Undeploy {
        String id();
    }

    public record Deploy(String id, DesiredPipeline target) implements Action {
    }

    public record Undeploy(String id, PipelineId pipelineId) implements Action {
    }

    /**
     * Deploy every wanted pipeline the node does not run at the wanted version and checksum, undeploy every pipeline it
     * runs but should not. The same config under a new number (a rollback to it) is offered too: the agent takes the
     * number without touching Vector, so that node and server agree on what runs. A deploy the agent refused stays
     * offered with the same id; the agent recognises it and waits for a different checksum.
     */
    public List<Action> actionsAgainst(List<Reported> reported) {
        Map<PipelineId, Reported> running = new LinkedHashMap<>();
        for (Reported r : reported) {
            running.put(r.pipelineId(), r);
        }
        List<Action> actions = new ArrayList<>();
        for (DesiredPipeline target : pipelines.values()) {
            Reported now = running.get(target.pipelineId());
            if (now == null || !runs(target, now.version(), now.checksum())) {
                actions.add(new Deploy(deployActionId(target), target));
            }
        }
        for (Reported r : reported) {
            if (!pipelines.containsKey(r.pipelineId())) {
                actions.add(new Undeploy("undeploy-" + r.pipelineId(), r.pipelineId()));
            }
        }
        return actions;
    }

    static String deployActionId(DesiredPipeline target) {
        return "deploy-" + target.pipelineId() + "-" + target.version() + "-" + target.checksum().substring(0, Math.min(16, target.checksum().length()));
    }

    /** True when the node runs {@code pipeline} at the wanted version and checksum. */
    public boolean inSync(PipelineId pipeline, Integer reportedVersion, String reportedChecksum) {
        DesiredPipeline target = pipelines.get(pipeline);
        return target != null && runs(target, reportedVersion, reportedChecksum);
    }

    /** An agent that reports no version number (older ones) is judged by the checksum alone. */
    private static boolean runs(DesiredPipeline target, Integer version, String checksum) {
        return Objects.equals(target.checksum(), checksum) && (version == null || version == target.version());
    }
}
