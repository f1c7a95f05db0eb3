package dev.vectorflow.ports.in.alert;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.alert.AlertRule;
import dev.vectorflow.core.alert.AlertRuleId;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import java.util.List;

/**
 * Use case: create, replace and delete the alert rules of an environment (audited). A rule naming a channel or pipeline
 * the environment does not have is refused with an {@link dev.vectorflow.core.validation.InvalidValuesException}.
 */
public interface ManageAlertRulesUseCase {

    AlertRule createRule(SaveAlertRuleCommand command) throws NotFoundFailure;

    AlertRule updateRule(AlertRuleId id, SaveAlertRuleCommand command) throws NotFoundFailure;

    /**
     * What a rule that is not saved would raise now: its alerts as its first evaluation would leave them (pending, or
     * firing when it has no for-duration), without silences, at most {@code limit} of them, and how many there are in
     * all. Stores nothing; the rule is checked as a saved one would be.
     */
    Preview previewRule(SaveAlertRuleCommand command, int limit) throws NotFoundFailure;

    /** The alerts of a preview (their ids mean nothing) and how many there are. */
    record Preview(List<AlertQueries.AlertView> alerts, int total) {
        public Preview {
            alerts = List.copyOf(alerts);
        }
    }

    /** Deletes the rule and its alerts. */
    void deleteRule(Actor actor, EnvironmentId environment, AlertRuleId id) throws NotFoundFailure;
}
