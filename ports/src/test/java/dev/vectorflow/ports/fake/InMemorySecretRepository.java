package dev.vectorflow.ports.fake;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.secret.Certificate;
import dev.vectorflow.core.secret.Secret;
import dev.vectorflow.core.secret.SecretName;
import dev.vectorflow.ports.out.persistence.SecretRepository;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Fake of {@link SecretRepository} over lists. */
public final class InMemorySecretRepository implements SecretRepository, InMemoryTransactions.Participant {

    private record State(List<Secret> secrets, List<Certificate> certificates) {
    }

    private List<Secret> secrets = new ArrayList<>();
    private List<Certificate> certificates = new ArrayList<>();

    @Override
    public void insertSecret(Secret secret) {
        if (findSecret(secret.environmentId(), secret.name()).isPresent()) {
            throw new UniqueViolation("secret name taken", null);
        }
        secrets.add(secret);
    }

    @Override
    public void updateSecret(Secret secret) {
        secrets.replaceAll(s -> s.id().equals(secret.id()) ? secret : s);
    }

    @Override
    public boolean deleteSecret(EnvironmentId environment, SecretName name) {
        return secrets.removeIf(s -> s.environmentId().equals(environment) && s.name().equals(name));
    }

    @Override
    public Optional<Secret> findSecret(EnvironmentId environment, SecretName name) {
        return secrets.stream().filter(s -> s.environmentId().equals(environment) && s.name().equals(name)).findFirst();
    }

    @Override
    public List<Secret> secretsOf(EnvironmentId environment) {
        return secrets.stream().filter(s -> s.environmentId().equals(environment)).sorted(Comparator.comparing(s -> s.name().value())).toList();
    }

    @Override
    public List<Secret> allSecrets() {
        return List.copyOf(secrets);
    }

    @Override
    public void insertCertificate(Certificate certificate) {
        if (findCertificate(certificate.environmentId(), certificate.name()).isPresent()) {
            throw new UniqueViolation("certificate name taken", null);
        }
        certificates.add(certificate);
    }

    @Override
    public void updateCertificate(Certificate certificate) {
        certificates.replaceAll(c -> c.id().equals(certificate.id()) ? certificate : c);
    }

    @Override
    public boolean deleteCertificate(EnvironmentId environment, SecretName name) {
        return certificates.removeIf(c -> c.environmentId().equals(environment) && c.name().equals(name));
    }

    @Override
    public Optional<Certificate> findCertificate(EnvironmentId environment, SecretName name) {
        return certificates.stream().filter(c -> c.environmentId().equals(environment) && c.name().equals(name)).findFirst();
    }

    @Override
    public List<Certificate> certificatesOf(EnvironmentId environment) {
        return certificates.stream().filter(c -> c.environmentId().equals(environment))
                .sorted(Comparator.comparing(c -> c.name().value())).toList();
    }

    @Override
    public List<Certificate> allCertificates() {
        return List.copyOf(certificates);
    }

    @Override
    public long countByEnvironment(EnvironmentId environment) {
        return secretsOf(environment).size() + certificatesOf(environment).size();
    }

    @Override
    public Object snapshot() {
        return new State(new ArrayList<>(secrets), new ArrayList<>(certificates));
    }

    @Override
    public void restore(Object snapshot) {
        State state = (State) snapshot;
        secrets = new ArrayList<>(state.secrets());
        certificates = new ArrayList<>(state.certificates());
    }
}
