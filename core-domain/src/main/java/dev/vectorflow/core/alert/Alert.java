package dev.vectorflow.core.alert;

import dev.vectorflow.core.environment.EnvironmentId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One alert: a rule applied to one subject, its state, the value that caused its last change (NaN for state rules), the
 * facts its message is written from, whether a silence or maintenance keeps it quiet, and when it last changed.
 */
public record Alert(AlertId id, AlertRuleId rule, EnvironmentId environmentId, AlertSubject subject, Severity severity, AlertState state,
                    double value, Map<String, String> facts, boolean silenced, Instant changedAt) {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(state, "state");
        facts = Map.copyOf(facts);
        Objects.requireNonNull(changedAt, "changedAt");
    }

    /** Rule and subject: the alert's identity across its life (PagerDuty's dedup key, the notification's alert key). */
    public String key() {
        return rule + "/" + subject.key();
    }
}
