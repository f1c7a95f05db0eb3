package dev.vectorflow.ports.fake;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.secret.CertificateBundle;
import dev.vectorflow.core.secret.SecretName;
import dev.vectorflow.core.secret.SecretValue;
import dev.vectorflow.ports.in.secret.ResolveSecretsUseCase;
import java.util.Map;
import java.util.Set;

/** Stand-in of {@link ResolveSecretsUseCase} for environments that hold no secret or certificate: every name is missing. */
public final class NoSecrets implements ResolveSecretsUseCase {

    @Override
    public Set<SecretName> missingSecrets(EnvironmentId environment, Set<SecretName> wanted) {
        return Set.copyOf(wanted);
    }

    @Override
    public Set<SecretName> missingCertificates(EnvironmentId environment, Set<SecretName> wanted) {
        return Set.copyOf(wanted);
    }

    @Override
    public Map<SecretName, SecretValue> resolveSecrets(EnvironmentId environment, Set<SecretName> names) {
        return Map.of();
    }

    @Override
    public Map<SecretName, CertificateBundle> resolveCertificates(EnvironmentId environment, Set<SecretName> names) {
        return Map.of();
    }
}
