package dev.vectorflow.core.alert;

import dev.vectorflow.core.environment.EnvironmentId;
import java.util.Map;
import java.util.Objects;

/**
 * One alert: a rule applied to one subject, its state, the last value seen (NaN for state rules), the facts its message
 * is written from, and whether a silence or maintenance keeps it quiet.
 */
public record Alert(AlertRuleId rule, EnvironmentId environmentId, AlertSubject subject, Severity severity, AlertState state, double value,
                    Map<String, String> facts, boolean silenced) {

    public Alert {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(state, "state");
        facts = Map.copyOf(facts);
    }

    /** Rule and subject: the alert's identity across its life (PagerDuty's dedup key, the notification's alert key). */
    public String key() {
        return rule + "/" + subject.key();
    }

    public Alert withState(AlertState next) {
        return new Alert(rule, environmentId, subject, severity, next, value, facts, silenced);
    }
}
