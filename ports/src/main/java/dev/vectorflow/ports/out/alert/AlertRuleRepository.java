package dev.vectorflow.ports.out.alert;

import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.AlertRule;
import dev.vectorflow.core.alert.AlertRuleId;
import dev.vectorflow.core.environment.EnvironmentId;
import java.util.List;
import java.util.Optional;

/** Driven port: the alert rules of every environment. */
public interface AlertRuleRepository {

    void insert(AlertRule rule);

    void update(AlertRule rule);

    /** Deletes the rule and its alerts; false when there was none. */
    boolean delete(AlertRuleId id);

    Optional<AlertRule> findById(AlertRuleId id);

    /** The environment's rules by name. */
    List<AlertRule> findByEnvironment(EnvironmentId environment);

    /** Every enabled rule of every environment (the evaluator's round). */
    List<AlertRule> findEnabled();

    /** Takes a deleted channel out of every rule that names it. */
    void forgetChannel(AlertChannelId channel);
}
