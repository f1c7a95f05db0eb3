package dev.vectorflow.core.identity;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A member's role in a team, ordered: VIEWER reads everything of the team; EDITOR also changes
 * pipelines, publishes, deploys, manages secrets and certificates; ADMIN also manages
 * environments, members, enrollment tokens, nodes and API tokens.
 */
public enum Role {
    VIEWER, EDITOR, ADMIN;

    public boolean atLeast(Role required) {
        return compareTo(required) >= 0;
    }

    /** The weaker of two roles (a token capped below its owner's role). */
    public Role min(Role other) {
        return atLeast(other) ? other : this;
    }

    public static Role parse(String field, String text) {
        try {
            return Role.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new InvalidValueException(field, "must be one of " + Arrays.toString(values()) + " but was '" + text + "'");
        }
    }
}
