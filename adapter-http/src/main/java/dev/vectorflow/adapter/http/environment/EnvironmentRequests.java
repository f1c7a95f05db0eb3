package dev.vectorflow.adapter.http.environment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.adapter.http.json.JsonFields;
import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.ports.in.environment.CreateEnvironmentCommand;
import dev.vectorflow.ports.in.environment.UpdateEnvironmentCommand;
import java.util.Optional;
import java.util.Set;

/** Turns environment request bodies into commands, reporting every invalid field at once. */
final class EnvironmentRequests {

    private static final Set<String> FIELDS = Set.of("name", "description");
    private static final Set<String> UPDATE_FIELDS = Set.of("name", "description", "requiresApproval");

    private EnvironmentRequests() {
    }

    /** {@code {"name": "...", "description": "..."}}; description optional. */
    static CreateEnvironmentCommand toCreateCommand(Actor actor, TeamId team, ObjectNode body) {
        JsonFields fields = new JsonFields(body, FIELDS);
        Optional<EnvironmentName> name = fields.convert(fields.requiredText("name"), EnvironmentName::new);
        Optional<String> description = fields.convert(fields.optionalText("description", ""), Environment::checkDescription);
        fields.throwIfInvalid();
        return new CreateEnvironmentCommand(actor, team, name.orElseThrow(), description.orElse(""));
    }

    /** Any of {@code name}, {@code description}, {@code requiresApproval}; absent fields stay unchanged, a null description clears it. */
    static UpdateEnvironmentCommand toUpdateCommand(Actor actor, EnvironmentId id, ObjectNode body) {
        JsonFields fields = new JsonFields(body, UPDATE_FIELDS);
        Optional<EnvironmentName> name = fields.has("name")
                ? fields.convert(fields.requiredText("name"), EnvironmentName::new)
                : Optional.empty();
        Optional<String> description = fields.convert(fields.optionalText("description", ""), Environment::checkDescription);
        Optional<Boolean> requiresApproval = fields.optionalBoolean("requiresApproval");
        fields.throwIfInvalid();
        return new UpdateEnvironmentCommand(actor, id, name, description, requiresApproval);
    }
}
