package dev.vectorflow.adapter.postgres.secret;

import static dev.vectorflow.adapter.postgres.jooq.Tables.CERTIFICATES;
import static dev.vectorflow.adapter.postgres.jooq.Tables.ENCRYPTION_KEYS;
import static dev.vectorflow.adapter.postgres.jooq.Tables.KEY_RING_CANARY;
import static dev.vectorflow.adapter.postgres.jooq.Tables.SECRETS;

import dev.vectorflow.adapter.postgres.jooq.tables.records.CertificatesRecord;
import dev.vectorflow.adapter.postgres.jooq.tables.records.SecretsRecord;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.secret.Certificate;
import dev.vectorflow.core.secret.Secret;
import dev.vectorflow.core.secret.SecretId;
import dev.vectorflow.core.secret.SecretName;
import dev.vectorflow.ports.out.persistence.KeyRingRepository;
import dev.vectorflow.ports.out.persistence.SecretRepository;
import dev.vectorflow.ports.out.security.WrappedDataKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * {@link SecretRepository} on {@code secrets} and {@code certificates}, and {@link KeyRingRepository}
 * on {@code encryption_keys} and {@code key_ring_canary}: everything stored here is sealed.
 */
public final class PostgresSecretRepository implements SecretRepository, KeyRingRepository {

    private final Supplier<DSLContext> dsl;

    public PostgresSecretRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Secret toDomain(SecretsRecord r) {
        return new Secret(new SecretId(r.getId()), new EnvironmentId(r.getEnvironmentId()), new SecretName(r.getName()), r.getDescription(),
                r.getEnvelope(), r.getCreatedBy(), r.getCreatedAt().toInstant(), r.getUpdatedBy(), r.getUpdatedAt().toInstant());
    }

    private static Certificate toDomain(CertificatesRecord r) {
        List<String> sans = r.getSubjectAltNames().isEmpty() ? List.of() : Arrays.asList(r.getSubjectAltNames().split("\n"));
        return new Certificate(new SecretId(r.getId()), new EnvironmentId(r.getEnvironmentId()), new SecretName(r.getName()),
                r.getDescription(), r.getEnvelope(), r.getSubject(), r.getIssuer(), sans, r.getNotBefore().toInstant(),
                r.getNotAfter().toInstant(), r.getFingerprint(), r.getHasPrivateKey(), r.getHasCaBundle(), r.getCreatedBy(),
                r.getCreatedAt().toInstant(), r.getUpdatedBy(), r.getUpdatedAt().toInstant());
    }

    private static SecretsRecord toRecord(Secret s) {
        SecretsRecord r = SECRETS.newRecord();
        r.setId(s.id().value());
        r.setEnvironmentId(s.environmentId().value());
        r.setName(s.name().value());
        r.setDescription(s.description());
        r.setEnvelope(s.envelope());
        r.setCreatedBy(s.createdBy());
        r.setCreatedAt(utc(s.createdAt()));
        r.setUpdatedBy(s.updatedBy());
        r.setUpdatedAt(utc(s.updatedAt()));
        return r;
    }

    private static CertificatesRecord toRecord(Certificate c) {
        CertificatesRecord r = CERTIFICATES.newRecord();
        r.setId(c.id().value());
        r.setEnvironmentId(c.environmentId().value());
        r.setName(c.name().value());
        r.setDescription(c.description());
        r.setEnvelope(c.envelope());
        r.setSubject(c.subject());
        r.setIssuer(c.issuer());
        r.setSubjectAltNames(String.join("\n", c.subjectAltNames()));
        r.setNotBefore(utc(c.notBefore()));
        r.setNotAfter(utc(c.notAfter()));
        r.setFingerprint(c.fingerprint());
        r.setHasPrivateKey(c.hasPrivateKey());
        r.setHasCaBundle(c.hasCaBundle());
        r.setCreatedBy(c.createdBy());
        r.setCreatedAt(utc(c.createdAt()));
        r.setUpdatedBy(c.updatedBy());
        r.setUpdatedAt(utc(c.updatedAt()));
        return r;
    }

    @Override
    public void insertSecret(Secret secret) {
        dsl.get().executeInsert(toRecord(secret));
    }

    @Override
    public void updateSecret(Secret secret) {
        dsl.get().update(SECRETS).set(SECRETS.DESCRIPTION, secret.description()).set(SECRETS.ENVELOPE, secret.envelope())
                .set(SECRETS.UPDATED_BY, secret.updatedBy()).set(SECRETS.UPDATED_AT, utc(secret.updatedAt()))
                .where(SECRETS.ID.eq(secret.id().value())).execute();
    }

    @Override
    public boolean deleteSecret(EnvironmentId environment, SecretName name) {
        return dsl.get().deleteFrom(SECRETS)
                .where(SECRETS.ENVIRONMENT_ID.eq(environment.value()).and(SECRETS.NAME.eq(name.value()))).execute() == 1;
    }

    @Override
    public Optional<Secret> findSecret(EnvironmentId environment, SecretName name) {
        return dsl.get().selectFrom(SECRETS).where(SECRETS.ENVIRONMENT_ID.eq(environment.value()).and(SECRETS.NAME.eq(name.value())))
                .fetchOptional(PostgresSecretRepository::toDomain);
    }

    @Override
    public List<Secret> secretsOf(EnvironmentId environment) {
        return dsl.get().selectFrom(SECRETS).where(SECRETS.ENVIRONMENT_ID.eq(environment.value())).orderBy(SECRETS.NAME.collate("C"))
                .fetch(PostgresSecretRepository::toDomain);
    }

    @Override
    public List<Secret> allSecrets() {
        return dsl.get().selectFrom(SECRETS).orderBy(SECRETS.ID).fetch(PostgresSecretRepository::toDomain);
    }

    @Override
    public void insertCertificate(Certificate certificate) {
        dsl.get().executeInsert(toRecord(certificate));
    }

    @Override
    public void updateCertificate(Certificate c) {
        dsl.get().update(CERTIFICATES).set(CERTIFICATES.DESCRIPTION, c.description()).set(CERTIFICATES.ENVELOPE, c.envelope())
                .set(CERTIFICATES.UPDATED_BY, c.updatedBy()).set(CERTIFICATES.UPDATED_AT, utc(c.updatedAt()))
                .where(CERTIFICATES.ID.eq(c.id().value())).execute();
    }

    @Override
    public boolean deleteCertificate(EnvironmentId environment, SecretName name) {
        return dsl.get().deleteFrom(CERTIFICATES)
                .where(CERTIFICATES.ENVIRONMENT_ID.eq(environment.value()).and(CERTIFICATES.NAME.eq(name.value()))).execute() == 1;
    }

    @Override
    public Optional<Certificate> findCertificate(EnvironmentId environment, SecretName name) {
        return dsl.get().selectFrom(CERTIFICATES)
                .where(CERTIFICATES.ENVIRONMENT_ID.eq(environment.value()).and(CERTIFICATES.NAME.eq(name.value())))
                .fetchOptional(PostgresSecretRepository::toDomain);
    }

    @Override
    public List<Certificate> certificatesOf(EnvironmentId environment) {
        return dsl.get().selectFrom(CERTIFICATES).where(CERTIFICATES.ENVIRONMENT_ID.eq(environment.value()))
                .orderBy(CERTIFICATES.NAME.collate("C")).fetch(PostgresSecretRepository::toDomain);
    }

    @Override
    public List<Certificate> allCertificates() {
        return dsl.get().selectFrom(CERTIFICATES).orderBy(CERTIFICATES.ID).fetch(PostgresSecretRepository::toDomain);
    }

    @Override
    public long countByEnvironment(EnvironmentId environment) {
        return dsl.get().fetchCount(SECRETS, SECRETS.ENVIRONMENT_ID.eq(environment.value()))
                + dsl.get().fetchCount(CERTIFICATES, CERTIFICATES.ENVIRONMENT_ID.eq(environment.value()));
    }

    @Override
    public List<StoredKey> findAll() {
        return dsl.get().selectFrom(ENCRYPTION_KEYS).orderBy(ENCRYPTION_KEYS.CREATED_AT)
                .fetch(r -> new StoredKey(new WrappedDataKey(r.getKeyId(), r.getWrappedKey()), r.getIsPrimary(), r.getCreatedAt().toInstant()));
    }

    @Override
    public void insert(WrappedDataKey key, Instant createdAt) {
        dsl.get().insertInto(ENCRYPTION_KEYS).set(ENCRYPTION_KEYS.KEY_ID, key.keyId()).set(ENCRYPTION_KEYS.WRAPPED_KEY, key.wrappedKey())
                .set(ENCRYPTION_KEYS.IS_PRIMARY, false).set(ENCRYPTION_KEYS.CREATED_AT, utc(createdAt)).execute();
    }

    @Override
    public void makePrimary(String keyId) {
        dsl.get().update(ENCRYPTION_KEYS).set(ENCRYPTION_KEYS.IS_PRIMARY, ENCRYPTION_KEYS.KEY_ID.eq(keyId)).execute();
    }

    @Override
    public Optional<String> canary() {
        return dsl.get().select(KEY_RING_CANARY.ENVELOPE).from(KEY_RING_CANARY).where(KEY_RING_CANARY.ID.eq(1)).fetchOptional(r -> r.value1());
    }

    @Override
    public void putCanary(String envelope) {
        dsl.get().insertInto(KEY_RING_CANARY).set(KEY_RING_CANARY.ID, 1).set(KEY_RING_CANARY.ENVELOPE, envelope)
                .onConflict(KEY_RING_CANARY.ID).doUpdate().set(KEY_RING_CANARY.ENVELOPE, envelope).execute();
    }
}
