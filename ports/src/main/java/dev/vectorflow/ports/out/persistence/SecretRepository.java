package dev.vectorflow.ports.out.persistence;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.secret.Certificate;
import dev.vectorflow.core.secret.Secret;
import dev.vectorflow.core.secret.SecretName;
import java.util.List;
import java.util.Optional;

/** Driven port: stores sealed secrets and certificates (envelopes only, never values). */
public interface SecretRepository {

    /** @throws UniqueViolation when the environment has a secret of that name */
    void insertSecret(Secret secret);

    void updateSecret(Secret secret);

    boolean deleteSecret(EnvironmentId environment, SecretName name);

    Optional<Secret> findSecret(EnvironmentId environment, SecretName name);

    /** The environment's secrets, ordered by name. */
    List<Secret> secretsOf(EnvironmentId environment);

    /** Every secret of every environment (for re-sealing after a key rotation). */
    List<Secret> allSecrets();

    /** @throws UniqueViolation when the environment has a certificate of that name */
    void insertCertificate(Certificate certificate);

    void updateCertificate(Certificate certificate);

    boolean deleteCertificate(EnvironmentId environment, SecretName name);

    Optional<Certificate> findCertificate(EnvironmentId environment, SecretName name);

    List<Certificate> certificatesOf(EnvironmentId environment);

    List<Certificate> allCertificates();

    /** How many secrets and certificates an environment holds (it cannot be deleted while any remain). */
    long countByEnvironment(EnvironmentId environment);
}
