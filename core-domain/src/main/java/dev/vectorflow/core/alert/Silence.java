package dev.vectorflow.core.alert;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.PlainText;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the matching alerts of an environment quiet until a time: those of one rule, of one node, of one pipeline, of the
 * nodes with some labels, or any mix (all given matchers must match; none given silences the whole environment). Silenced alerts are
 * still evaluated and shown, but no notification goes out for them.
 */
public record Silence(SilenceId id, EnvironmentId environmentId, Optional<AlertRuleId> rule, Optional<NodeId> node,
                      Optional<PipelineId> pipeline, NodeSelector labels, Instant until, String reason, String createdBy, Instant createdAt) {

    public static final int MAX_REASON = 500;

    public Silence {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(pipeline, "pipeline");
        labels = labels == null ? NodeSelector.ALL : labels;
        Objects.requireNonNull(until, "until");
        reason = PlainText.optionalLine("reason", reason, MAX_REASON);
        createdBy = Objects.requireNonNullElse(createdBy, "");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!until.isAfter(createdAt)) {
            throw new InvalidValueException("until", "must be in the future but was " + until);
        }
    }

    public boolean activeAt(Instant now) {
        return now.isBefore(until);
    }

    /**
     * Whether this silence covers an alert of {@code alertRule} about {@code alertNode} (with its labels) and
     * {@code alertPipeline}, at {@code now}.
     */
    public boolean covers(AlertRuleId alertRule, Optional<NodeId> alertNode, Optional<PipelineId> alertPipeline, Optional<Labels> nodeLabels,
                          Instant now) {
        if (!activeAt(now) || rule.map(r -> !r.equals(alertRule)).orElse(false)) {
            return false;
        }
        if (node.isPresent() && !node.equals(alertNode) || pipeline.isPresent() && !pipeline.equals(alertPipeline)) {
            return false;
        }
        return labels.required().isEmpty() || nodeLabels.map(labels::matches).orElse(false);
    }
}
