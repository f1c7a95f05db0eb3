package dev.vectorflow.ports.in.secret;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.secret.CertificateBundle;
import dev.vectorflow.core.secret.SecretName;
import dev.vectorflow.core.secret.SecretValue;
import java.util.Map;
import java.util.Set;

/**
 * Use case for the pipeline and fleet features: which of the named secrets and certificates an
 * environment has (publishing refuses references to missing ones), and their values in clear
 * (config delivery to a node resolves only what a pipeline references).
 */
public interface ResolveSecretsUseCase {

    /** The names among {@code wanted} that the environment has no secret for. */
    Set<SecretName> missingSecrets(EnvironmentId environment, Set<SecretName> wanted);

    /** The names among {@code wanted} that the environment has no certificate for. */
    Set<SecretName> missingCertificates(EnvironmentId environment, Set<SecretName> wanted);

    /** The values of the named secrets that exist (missing names are left out). */
    Map<SecretName, SecretValue> resolveSecrets(EnvironmentId environment, Set<SecretName> names);

    /** The PEM data of the named certificates that exist. */
    Map<SecretName, CertificateBundle> resolveCertificates(EnvironmentId environment, Set<SecretName> names);
}
