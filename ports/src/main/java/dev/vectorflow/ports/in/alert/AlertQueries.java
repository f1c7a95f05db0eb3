package dev.vectorflow.ports.in.alert;

import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import java.util.Optional;
import dev.vectorflow.core.alert.Alert;
import dev.vectorflow.core.alert.AlertChannel;
import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.AlertId;
import dev.vectorflow.core.alert.AlertRule;
import dev.vectorflow.core.alert.AlertRuleId;
import dev.vectorflow.core.alert.AlertStateFilter;
import dev.vectorflow.core.alert.AlertTransition;
import dev.vectorflow.core.alert.Silence;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.out.alert.DeliveryRepository.DeliveryHistory;
import java.util.List;

/** Reads of the alerts feature of one environment: rules, alerts with their transitions, silences, channels, deliveries. */
public interface AlertQueries {

    /** An alert with its rule's name and its message written from the facts. */
    record AlertView(Alert alert, String ruleName, String message) {
    }

    /** An alert and its transitions, newest first. */
    record AlertDetail(AlertView view, List<AlertTransition> transitions) {
        public AlertDetail {
            transitions = List.copyOf(transitions);
        }
    }

    List<AlertRule> rules(EnvironmentId environment) throws NotFoundFailure;

    AlertRule rule(EnvironmentId environment, AlertRuleId id) throws NotFoundFailure;

    default List<AlertView> alerts(EnvironmentId environment, AlertStateFilter filter, int limit) throws NotFoundFailure {
        return alerts(environment, filter, Optional.empty(), Optional.empty(), limit);
    }

    /** The environment's alerts the filter matches, only about {@code node} and {@code pipeline} when given; newest change first. */
    List<AlertView> alerts(EnvironmentId environment, AlertStateFilter filter, Optional<NodeId> node, Optional<PipelineId> pipeline, int limit)
            throws NotFoundFailure;

    AlertDetail alert(EnvironmentId environment, AlertId id) throws NotFoundFailure;

    List<Silence> silences(EnvironmentId environment) throws NotFoundFailure;

    List<AlertChannel> channels(EnvironmentId environment) throws NotFoundFailure;

    AlertChannel channel(EnvironmentId environment, AlertChannelId id) throws NotFoundFailure;

    List<DeliveryHistory> deliveries(EnvironmentId environment, AlertChannelId channel, int limit) throws NotFoundFailure;
}
