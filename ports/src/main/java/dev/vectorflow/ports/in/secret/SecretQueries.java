package dev.vectorflow.ports.in.secret;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.secret.Certificate;
import dev.vectorflow.core.secret.Secret;
import dev.vectorflow.core.secret.SecretName;
import java.util.List;

/** Read side of secrets and certificates: metadata only, never a value. */
public interface SecretQueries {

    List<Secret> secretsOf(EnvironmentId environment);

    Secret secret(EnvironmentId environment, SecretName name) throws NotFoundFailure;

    List<Certificate> certificatesOf(EnvironmentId environment);

    Certificate certificate(EnvironmentId environment, SecretName name) throws NotFoundFailure;
}
