package dev.vectorflow.core.alert;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Locale;

/** Which alerts a list shows: all, pending, firing (acknowledged or not), acknowledged (firing and acknowledged), resolved. */
public enum AlertStateFilter {
    ALL, PENDING, FIRING, ACKNOWLEDGED, RESOLVED;

    public static AlertStateFilter parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field, "must be one of pending, firing, acknowledged, resolved but was '" + text + "'");
        }
    }

    public boolean matches(AlertState state) {
        return switch (this) {
            case ALL -> true;
            case PENDING -> state instanceof AlertState.Pending;
            case FIRING -> state instanceof AlertState.Firing;
            case ACKNOWLEDGED -> state instanceof AlertState.Firing f && f.acknowledged().isPresent();
            case RESOLVED -> state instanceof AlertState.Resolved;
        };
    }
}
