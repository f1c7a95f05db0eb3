package dev.vectorflow.core.identity;

import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.PlainText;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule of an OpenID Connect provider's group mapping: people in {@code group} (a value of the groups claim) get
 * {@code role} in {@code team}, and/or are platform admins.
 */
public record GroupRule(String group, Optional<TeamName> team, Optional<Role> role, boolean platformAdmin) {

    public GroupRule {
        PlainText.requireSingleLine("group", group, 256);
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(role, "role");
        if (team.isPresent() != role.isPresent()) {
            throw new InvalidValueException("role", "a rule with a team needs a role, and a role needs a team");
        }
        if (team.isEmpty() && !platformAdmin) {
            throw new InvalidValueException("team", "a rule must give a team role or platform admin (or both)");
        }
    }
}
