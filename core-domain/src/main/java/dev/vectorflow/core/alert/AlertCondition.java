package dev.vectorflow.core.alert;

import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Objects;
import java.util.Optional;

/** What a rule watches: one record per kind of rule, each valid by construction. */
public sealed interface AlertCondition {

    /** The kind's name in the API and the database. */
    String kind();

    /** The threshold, for the kinds that have one. */
    default Optional<Threshold> threshold() {
        return Optional.empty();
    }

    /** A host reading of every node the selector matches, per node (e.g. {@code cpu_percent > 90}). */
    record NodeMetricCondition(NodeMetric metric, Threshold limit, NodeSelector selector) implements AlertCondition {
        public static final String KIND = "node_metric";

        public NodeMetricCondition {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(limit, "threshold");
            selector = selector == null ? NodeSelector.ALL : selector;
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Optional<Threshold> threshold() {
            return Optional.of(limit);
        }
    }

    /**
     * A rate of one pipeline, or of one of its components, summed over the nodes running it or ({@code perNode}) on
     * each node alone.
     */
    record PipelineMetricCondition(PipelineId pipeline, Optional<ComponentKey> component, PipelineMetric metric, Threshold limit,
                                   boolean perNode) implements AlertCondition {
        public static final String KIND = "pipeline_metric";

        public PipelineMetricCondition {
            Objects.requireNonNull(pipeline, "pipeline");
            Objects.requireNonNull(component, "component");
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(limit, "threshold");
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Optional<Threshold> threshold() {
            return Optional.of(limit);
        }
    }

    /** A node the selector matches is UNREACHABLE (for the rule's for-duration: "unreachable for N minutes"). */
    record NodeUnreachableCondition(NodeSelector selector) implements AlertCondition {
        public static final String KIND = "node_unreachable";

        public NodeUnreachableCondition {
            selector = selector == null ? NodeSelector.ALL : selector;
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** A pipeline (one, or any of the environment) is CRASHED, CRASH_LOOP or FAILED on a node; one alert per node and pipeline. */
    record PipelineFailingCondition(Optional<PipelineId> pipeline) implements AlertCondition {
        public static final String KIND = "pipeline_failing";

        public PipelineFailingCondition {
            Objects.requireNonNull(pipeline, "pipeline");
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** A certificate of the environment expires within {@code days} days (or has expired). */
    record CertificateExpiringCondition(int days) implements AlertCondition {
        public static final String KIND = "certificate_expiring";
        public static final int MAX_DAYS = 365;

        public CertificateExpiringCondition {
            if (days < 1 || days > MAX_DAYS) {
                throw new InvalidValueException("days", "must be from 1 to " + MAX_DAYS + " but was " + days);
            }
        }

        @Override
        public String kind() {
            return KIND;
        }
    }
    /**
     * A deployment whose target nodes have not all reported the deployed version RUNNING {@code minutes} after it was
     * deployed; one alert per deployment (pipeline), its value the nodes not converged.
     */
    record DeploymentNotConvergedCondition(int minutes, Optional<PipelineId> pipeline) implements AlertCondition {
        public static final String KIND = "deployment_not_converged";
        public static final int MAX_MINUTES = 1440;

        public DeploymentNotConvergedCondition {
            if (minutes < 1 || minutes > MAX_MINUTES) {
                throw new InvalidValueException("minutes", "must be from 1 to " + MAX_MINUTES + " but was " + minutes);
            }
            Objects.requireNonNull(pipeline, "pipeline");
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** A node the selector matches whose last settled agent update FAILED; resolves when a later update succeeds. */
    record AgentUpdateFailedCondition(NodeSelector selector) implements AlertCondition {
        public static final String KIND = "agent_update_failed";

        public AgentUpdateFailedCondition {
            selector = selector == null ? NodeSelector.ALL : selector;
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** A deployed pipeline version references a secret or certificate the environment does not have; one alert per pipeline and name. */
    record SecretMissingCondition() implements AlertCondition {
        public static final String KIND = "secret_missing";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** The platform's last finished backup run failed (backups are not per environment: every environment's rule sees it). */
    record BackupFailedCondition() implements AlertCondition {
        public static final String KIND = "backup_failed";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * A pipeline's (or a component's) events in or out per second now is below {@code percent} % of its average over the
     * {@code windowMinutes} before.
     */
    record ThroughputDropCondition(PipelineId pipeline, Optional<ComponentKey> component, PipelineMetric metric, int percent, int windowMinutes)
            implements AlertCondition {
        public static final String KIND = "throughput_drop";
        public static final int MIN_WINDOW = 5;
        public static final int MAX_WINDOW = 1440;

        public ThroughputDropCondition {
            Objects.requireNonNull(pipeline, "pipeline");
            Objects.requireNonNull(component, "component");
            Objects.requireNonNull(metric, "metric");
            if (metric != PipelineMetric.EVENTS_IN_PER_SECOND && metric != PipelineMetric.EVENTS_OUT_PER_SECOND) {
                throw new InvalidValueException("metric", "must be events_in_per_second or events_out_per_second but was '" + metric.wireName() + "'");
            }
            if (percent < 1 || percent > 100) {
                throw new InvalidValueException("percent", "must be from 1 to 100 but was " + percent);
            }
            if (windowMinutes < MIN_WINDOW || windowMinutes > MAX_WINDOW) {
                throw new InvalidValueException("windowMinutes", "must be from " + MIN_WINDOW + " to " + MAX_WINDOW + " but was " + windowMinutes);
            }
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * Log lines the agents send (of one pipeline or any, from the nodes the selector matches) that match the pattern, at
     * least {@code minCount} of them on a node and pipeline in one evaluation round.
     */
    record LogMatchCondition(LogPattern pattern, Optional<PipelineId> pipeline, NodeSelector selector, int minCount) implements AlertCondition {
        public static final String KIND = "log_match";
        public static final int MAX_MIN_COUNT = 1000;

        public LogMatchCondition {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(pipeline, "pipeline");
            selector = selector == null ? NodeSelector.ALL : selector;
            if (minCount < 1 || minCount > MAX_MIN_COUNT) {
                throw new InvalidValueException("minCount", "must be from 1 to " + MAX_MIN_COUNT + " but was " + minCount);
            }
        }

        @Override
        public String kind() {
            return KIND;
        }
    }
}
