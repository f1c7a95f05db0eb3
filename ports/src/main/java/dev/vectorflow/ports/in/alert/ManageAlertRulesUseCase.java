package dev.vectorflow.ports.in.alert;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.alert.AlertRule;
import dev.vectorflow.core.alert.AlertRuleId;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;

/**
 * Use case: create, replace and delete the alert rules of an environment (audited). A rule naming a channel or pipeline
 * the environment does not have is refused with an {@link dev.vectorflow.core.validation.InvalidValuesException}.
 */
public interface ManageAlertRulesUseCase {

    AlertRule createRule(SaveAlertRuleCommand command) throws NotFoundFailure;

    AlertRule updateRule(AlertRuleId id, SaveAlertRuleCommand command) throws NotFoundFailure;

    /** Deletes the rule and its alerts. */
    void deleteRule(Actor actor, EnvironmentId environment, AlertRuleId id) throws NotFoundFailure;
}
