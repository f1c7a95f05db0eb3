package dev.vectorflow.ports.service.secret;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.secret.Certificate;
import dev.vectorflow.core.secret.CertificateBundle;
import dev.vectorflow.core.secret.Secret;
import dev.vectorflow.core.secret.SecretId;
import dev.vectorflow.core.secret.SecretName;
import dev.vectorflow.core.secret.SecretValue;
import dev.vectorflow.ports.in.secret.ManageCertificatesUseCase;
import dev.vectorflow.ports.in.secret.ManageSecretsUseCase;
import dev.vectorflow.ports.in.secret.ResolveSecretsUseCase;
import dev.vectorflow.ports.in.secret.SecretQueries;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.SecretRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.security.CertificateParser;
import dev.vectorflow.ports.out.security.ParsedCertificate;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.service.UniqueNames;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.List;

/** Secrets and certificates of environments: sealed on the way in, opened only for resolution. */
public final class SecretService implements ManageSecretsUseCase, ManageCertificatesUseCase, SecretQueries, ResolveSecretsUseCase {

    private final Transactions transactions;
    private final SecretRepository store;
    private final EnvironmentRepository environments;
    private final AuditLog audit;
    private final KeyRingService keyRing;
    private final CertificateParser certificates;
    private final IdGenerator ids;
    private final Clock clock;
    private final FleetChanges fleet;

    public SecretService(Transactions transactions, SecretRepository store, EnvironmentRepository environments, AuditLog audit,
                         KeyRingService keyRing, CertificateParser certificates, IdGenerator ids, Clock clock, FleetChanges fleet) {
        this.fleet = fleet;
        this.transactions = transactions;
        this.store = store;
        this.environments = environments;
        this.audit = audit;
        this.keyRing = keyRing;
        this.certificates = certificates;
        this.ids = ids;
        this.clock = clock;
    }

    private Environment environment(EnvironmentId id) throws NotFoundFailure {
        return environments.findById(id).orElseThrow(() -> new NotFoundFailure("Environment", id));
    }

    private static ConflictFailure taken(String kind, SecretName name) {
        return ConflictFailure.onField("name", "A " + kind + " named '" + name + "' exists already in this environment");
    }

    @Override
    public Secret createSecret(Actor actor, EnvironmentId environmentId, SecretName name, SecretValue value, String description)
            throws NotFoundFailure, ConflictFailure {
        return UniqueNames.claimWithin(transactions, () -> taken("secret", name), () -> {
            Environment env = environment(environmentId);
            if (store.findSecret(environmentId, name).isPresent()) {
                throw taken("secret", name);
            }
            Instant now = clock.instant();
            Secret secret = new Secret(new SecretId(ids.newId()), environmentId, name, description,
                    keyRing.seal(value.bytes(), Secret.sealingContext(environmentId, name)), actor.label(), now, actor.label(), now);
            store.insertSecret(secret);
            fleet.environmentChanged(environmentId);
            audit.append(new AuditEvent(actor, "secret.create", "secret", secret.id().toString(), Optional.of(env.teamId().toString()),
                    Changes.none().field("environment", null, environmentId).field("name", null, name)
                            .field("description", null, secret.description()).secret("value", false, true)));
            return secret;
        });
    }

    @Override
    public Secret updateSecret(Actor actor, EnvironmentId environmentId, SecretName name, Optional<SecretValue> value,
                               Optional<String> description) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Environment env = environment(environmentId);
            Secret current = store.findSecret(environmentId, name).orElseThrow(() -> new NotFoundFailure("Secret", name));
            String envelope = value.map(v -> keyRing.seal(v.bytes(), Secret.sealingContext(environmentId, name))).orElse(current.envelope());
            Secret changed = new Secret(current.id(), environmentId, name, description.orElse(current.description()), envelope,
                    current.createdBy(), current.createdAt(), actor.label(), clock.instant());
            store.updateSecret(changed);
            Changes changes = Changes.none().field("description", current.description(), changed.description());
            if (value.isPresent()) {
                changes.secret("value", true, true);
            }
            fleet.environmentChanged(environmentId);
            audit.append(new AuditEvent(actor, "secret.update", "secret", current.id().toString(), Optional.of(env.teamId().toString()),
                    changes.field("name", name, name)));
            return changed;
        });
    }

    @Override
    public void deleteSecret(Actor actor, EnvironmentId environmentId, SecretName name) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            Environment env = environment(environmentId);
            Secret current = store.findSecret(environmentId, name).orElseThrow(() -> new NotFoundFailure("Secret", name));
            store.deleteSecret(environmentId, name);
            fleet.environmentChanged(environmentId);
            audit.append(new AuditEvent(actor, "secret.delete", "secret", current.id().toString(), Optional.of(env.teamId().toString()),
                    Changes.none().field("name", name, null).secret("value", true, false)));
            return null;
        });
    }

    @Override
    public Certificate uploadCertificate(Actor actor, EnvironmentId environmentId, SecretName name, CertificateBundle pem, String description)
            throws NotFoundFailure, ConflictFailure {
        ParsedCertificate parsed = certificates.parse(pem.certificatePem(), pem.privateKeyPem(), pem.caBundlePem());
        return UniqueNames.claimWithin(transactions, () -> taken("certificate", name), () -> {
            Environment env = environment(environmentId);
            if (store.findCertificate(environmentId, name).isPresent()) {
                throw taken("certificate", name);
            }
            Instant now = clock.instant();
            String envelope = keyRing.seal(pem.encode().getBytes(StandardCharsets.UTF_8), Certificate.sealingContext(environmentId, name));
            Certificate certificate = new Certificate(new SecretId(ids.newId()), environmentId, name, description, envelope,
                    parsed.subject(), parsed.issuer(), parsed.subjectAltNames(), parsed.notBefore(), parsed.notAfter(),
                    parsed.sha256Fingerprint(), parsed.hasPrivateKey(), parsed.caCertificates() > 0, actor.label(), now, actor.label(), now);
            store.insertCertificate(certificate);
            fleet.environmentChanged(environmentId);
            audit.append(new AuditEvent(actor, "certificate.create", "certificate", certificate.id().toString(),
                    Optional.of(env.teamId().toString()), Changes.none().field("environment", null, environmentId).field("name", null, name)
                    .field("subject", null, parsed.subject()).field("notAfter", null, parsed.notAfter())
                    .field("fingerprint", null, parsed.sha256Fingerprint()).secret("privateKey", false, parsed.hasPrivateKey())));
            return certificate;
        });
    }

    @Override
    public void deleteCertificate(Actor actor, EnvironmentId environmentId, SecretName name) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            Environment env = environment(environmentId);
            Certificate current = store.findCertificate(environmentId, name).orElseThrow(() -> new NotFoundFailure("Certificate", name));
            store.deleteCertificate(environmentId, name);
            fleet.environmentChanged(environmentId);
            audit.append(new AuditEvent(actor, "certificate.delete", "certificate", current.id().toString(),
                    Optional.of(env.teamId().toString()), Changes.none().field("name", name, null).field("subject", current.subject(), null)));
            return null;
        });
    }

    @Override
    public List<Secret> secretsOf(EnvironmentId environment) {
        return transactions.inTransaction(() -> store.secretsOf(environment));
    }

    @Override
    public Secret secret(EnvironmentId environment, SecretName name) throws NotFoundFailure {
        return transactions.inTransaction(() -> store.findSecret(environment, name).orElseThrow(() -> new NotFoundFailure("Secret", name)));
    }

    @Override
    public List<Certificate> certificatesOf(EnvironmentId environment) {
        return transactions.inTransaction(() -> store.certificatesOf(environment));
    }

    @Override
    public Certificate certificate(EnvironmentId environment, SecretName name) throws NotFoundFailure {
        return transactions.inTransaction(() -> store.findCertificate(environment, name)
                .orElseThrow(() -> new NotFoundFailure("Certificate", name)));
    }

    @Override
    public Set<SecretName> missingSecrets(EnvironmentId environment, Set<SecretName> wanted) {
        Set<SecretName> missing = new LinkedHashSet<>(wanted);
        transactions.inTransaction(() -> store.secretsOf(environment)).forEach(s -> missing.remove(s.name()));
        return missing;
    }

    @Override
    public Set<SecretName> missingCertificates(EnvironmentId environment, Set<SecretName> wanted) {
        Set<SecretName> missing = new LinkedHashSet<>(wanted);
        transactions.inTransaction(() -> store.certificatesOf(environment)).forEach(c -> missing.remove(c.name()));
        return missing;
    }

    @Override
    public Map<SecretName, SecretValue> resolveSecrets(EnvironmentId environment, Set<SecretName> names) {
        Map<SecretName, SecretValue> values = new LinkedHashMap<>();
        for (Secret s : transactions.inTransaction(() -> store.secretsOf(environment))) {
            if (names.contains(s.name())) {
                values.put(s.name(), new SecretValue(new String(keyRing.open(s.envelope(), Secret.sealingContext(environment, s.name())),
                        StandardCharsets.UTF_8)));
            }
        }
        return values;
    }

    @Override
    public Map<SecretName, CertificateBundle> resolveCertificates(EnvironmentId environment, Set<SecretName> names) {
        Map<SecretName, CertificateBundle> bundles = new LinkedHashMap<>();
        for (Certificate c : transactions.inTransaction(() -> store.certificatesOf(environment))) {
            if (names.contains(c.name())) {
                bundles.put(c.name(), CertificateBundle.decode(new String(keyRing.open(c.envelope(), Certificate.sealingContext(environment,
                        c.name())), StandardCharsets.UTF_8)));
            }
        }
        return bundles;
    }
}
