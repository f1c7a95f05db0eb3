package dev.vectorflow.ports.in.secret;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.secret.Certificate;
import dev.vectorflow.core.secret.CertificateBundle;
import dev.vectorflow.core.secret.SecretName;

/** Use case: upload (parsed and checked, then sealed) and delete the certificates of an environment. */
public interface ManageCertificatesUseCase {

    Certificate uploadCertificate(Actor actor, EnvironmentId environment, SecretName name, CertificateBundle pem, String description)
            throws NotFoundFailure, ConflictFailure;

    void deleteCertificate(Actor actor, EnvironmentId environment, SecretName name) throws NotFoundFailure;
}
