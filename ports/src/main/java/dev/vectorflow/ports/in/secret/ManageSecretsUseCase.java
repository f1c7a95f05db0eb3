package dev.vectorflow.ports.in.secret;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.secret.Secret;
import dev.vectorflow.core.secret.SecretName;
import dev.vectorflow.core.secret.SecretValue;
import java.util.Optional;

/** Use case: create, change and delete the secrets of an environment. Values are sealed at once; audit entries never hold them. */
public interface ManageSecretsUseCase {

    Secret createSecret(Actor actor, EnvironmentId environment, SecretName name, SecretValue value, String description)
            throws NotFoundFailure, ConflictFailure;

    /** Replaces the value and/or the description. */
    Secret updateSecret(Actor actor, EnvironmentId environment, SecretName name, Optional<SecretValue> value, Optional<String> description)
            throws NotFoundFailure;

    void deleteSecret(Actor actor, EnvironmentId environment, SecretName name) throws NotFoundFailure;
}
