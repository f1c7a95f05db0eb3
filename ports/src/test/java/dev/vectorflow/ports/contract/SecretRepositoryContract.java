package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.secret.Certificate;
import dev.vectorflow.core.secret.Secret;
import dev.vectorflow.core.secret.SecretId;
import dev.vectorflow.core.secret.SecretName;
import dev.vectorflow.ports.out.persistence.SecretRepository;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link SecretRepository} must do; run against the in-memory fake and against PostgreSQL. It keeps envelopes only. */
public abstract class SecretRepositoryContract extends FleetStoreContract {

    private SecretRepository secrets() {
        return store().secrets();
    }

    private static Secret secret(EnvironmentId environment, String name) {
        return new Secret(new SecretId(UUID.randomUUID()), environment, new SecretName(name), "about " + name, "vf1:key:" + name, "ann", T0, "ann",
                T0);
    }

    private static Certificate certificate(EnvironmentId environment, String name) {
        return new Certificate(new SecretId(UUID.randomUUID()), environment, new SecretName(name), "tls of " + name, "vf1:key:cert-" + name,
                "CN=" + name, "CN=ca", List.of(name + ".example.com"), T0, T0.plusSeconds(86_400 * 90), "AB:CD", true, false, "ann", T0, "ann", T0);
    }

    @Test
    void aSecret_isStoredFoundUpdatedAndDeleted_inItsEnvironmentOnly() {
        EnvironmentId environment = newEnvironment();
        Secret secret = secret(environment, "api_key");
        inTransaction(() -> secrets().insertSecret(secret));

        assertThat(inTransaction(() -> secrets().findSecret(environment, new SecretName("api_key")))).contains(secret);
        assertThat(inTransaction(() -> secrets().findSecret(newEnvironment(), new SecretName("api_key")))).isEmpty();

        Secret resealed = secret.resealed("vf1:key2:other");
        inTransaction(() -> secrets().updateSecret(resealed));
        assertThat(inTransaction(() -> secrets().findSecret(environment, secret.name()))).contains(resealed);
        assertThat(inTransaction(() -> secrets().allSecrets())).contains(resealed);

        assertThat(inTransaction(() -> secrets().deleteSecret(environment, secret.name()))).isTrue();
        assertThat(inTransaction(() -> secrets().deleteSecret(environment, secret.name()))).isFalse();
        assertThat(inTransaction(() -> secrets().findSecret(environment, secret.name()))).isEmpty();
    }

    @Test
    void aNameTakenInTheEnvironment_isRefused_forSecretsAndForCertificates() {
        EnvironmentId environment = newEnvironment();
        inTransaction(() -> {
            secrets().insertSecret(secret(environment, "token"));
            secrets().insertCertificate(certificate(environment, "tls"));
        });

        assertThatThrownBy(() -> inTransaction(() -> secrets().insertSecret(secret(environment, "token")))).isInstanceOf(UniqueViolation.class);
        assertThatThrownBy(() -> inTransaction(() -> secrets().insertCertificate(certificate(environment, "tls"))))
                .isInstanceOf(UniqueViolation.class);
    }

    @Test
    void anEnvironmentsSecretsAndCertificates_areListedByName_andCountedTogether() {
        EnvironmentId environment = newEnvironment();
        inTransaction(() -> {
            secrets().insertSecret(secret(environment, "zeta"));
            secrets().insertSecret(secret(environment, "alpha"));
            secrets().insertCertificate(certificate(environment, "web"));
            secrets().insertCertificate(certificate(environment, "api"));
            secrets().insertSecret(secret(newEnvironment(), "elsewhere"));
        });

        assertThat(inTransaction(() -> secrets().secretsOf(environment))).extracting(s -> s.name().value()).containsExactly("alpha", "zeta");
        assertThat(inTransaction(() -> secrets().certificatesOf(environment))).extracting(c -> c.name().value()).containsExactly("api", "web");
        assertThat(inTransaction(() -> secrets().countByEnvironment(environment))).isEqualTo(4);
    }

    @Test
    void aCertificate_comesBackWithEverythingParsedFromIt() {
        EnvironmentId environment = newEnvironment();
        Certificate certificate = certificate(environment, "tls");
        inTransaction(() -> secrets().insertCertificate(certificate));

        assertThat(inTransaction(() -> secrets().findCertificate(environment, certificate.name()))).contains(certificate);
        assertThat(inTransaction(() -> secrets().allCertificates())).contains(certificate);
        assertThat(inTransaction(() -> secrets().deleteCertificate(environment, certificate.name()))).isTrue();
        assertThat(inTransaction(() -> secrets().findCertificate(environment, certificate.name()))).isEmpty();
    }
}
