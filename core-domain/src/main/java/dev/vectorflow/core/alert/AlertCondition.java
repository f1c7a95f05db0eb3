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
}
