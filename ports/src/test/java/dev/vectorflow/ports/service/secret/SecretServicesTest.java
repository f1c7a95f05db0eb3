package dev.vectorflow.ports.service.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditEntry;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.secret.Secret;
import dev.vectorflow.core.secret.SecretName;
import dev.vectorflow.core.secret.SecretValue;
import dev.vectorflow.ports.fake.FleetFakes;
import dev.vectorflow.ports.fake.InMemoryKeyRingRepository;
import dev.vectorflow.ports.fake.InMemorySecretRepository;
import dev.vectorflow.ports.fake.SequentialIdGenerator;
import dev.vectorflow.ports.fake.ToySecretCipher;
import dev.vectorflow.ports.in.secret.RotateKeysUseCase.Rotation;
import dev.vectorflow.ports.out.security.KeyRingFailure;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Secrets and the key ring on in-memory fakes: values are only ever stored sealed, and the ring rotates and reloads. */
class SecretServicesTest {

    private final FleetFakes fleet = new FleetFakes();
    private final InMemorySecretRepository store = fleet.transactions.register(new InMemorySecretRepository());
    private final InMemoryKeyRingRepository keys = new InMemoryKeyRingRepository();
    private final KeyRingService keyRing = new KeyRingService(fleet.transactions, keys, store, fleet.auditLog, new ToySecretCipher("master"),
            fleet.clock);
    private final SecretService secrets = new SecretService(fleet.transactions, store, fleet.environments, fleet.auditLog, keyRing, null,
            new SequentialIdGenerator(), fleet.clock, fleet.changes);
    private final Actor admin = Actor.commandLine();
    private final SecretName apiKey = new SecretName("api_key");

    {
        keyRing.initialize();
    }

    @Test
    void aSecret_isStoredSealedToItsName_andResolvedToItsValueForNodes() throws Exception {
        Secret created = secrets.createSecret(admin, fleet.environment, apiKey, new SecretValue("hunter2"), "the API key");

        assertThat(created.envelope()).doesNotContain("hunter2");
        assertThat(secrets.resolveSecrets(fleet.environment, Set.of(apiKey, new SecretName("other"))))
                .isEqualTo(Map.of(apiKey, new SecretValue("hunter2")));
        assertThat(secrets.missingSecrets(fleet.environment, Set.of(apiKey, new SecretName("other")))).containsExactly(new SecretName("other"));
        assertThat(fleet.changes.notices()).containsExactly(fleet.environment);
        assertThat(fleet.auditLog.all()).extracting(AuditEntry::action).containsExactly("secret.create");
        assertThat(fleet.auditLog.all().getFirst().changesJson()).doesNotContain("hunter2");
        assertThatThrownBy(() -> secrets.createSecret(admin, fleet.environment, apiKey, new SecretValue("x"), ""))
                .isInstanceOf(ConflictFailure.class);
    }

    @Test
    void aNewValue_replacesTheEnvelope_andADeletedSecretIsGone() throws Exception {
        secrets.createSecret(admin, fleet.environment, apiKey, new SecretValue("old"), "");

        secrets.updateSecret(admin, fleet.environment, apiKey, Optional.of(new SecretValue("new")), Optional.empty());
        assertThat(secrets.resolveSecrets(fleet.environment, Set.of(apiKey))).containsEntry(apiKey, new SecretValue("new"));

        secrets.deleteSecret(admin, fleet.environment, apiKey);
        assertThat(secrets.resolveSecrets(fleet.environment, Set.of(apiKey))).isEmpty();
        assertThatThrownBy(() -> secrets.deleteSecret(admin, fleet.environment, apiKey)).isInstanceOf(NotFoundFailure.class);
        assertThat(fleet.changes.notices()).hasSize(3);
    }

    @Test
    void aRotation_makesANewPrimaryKey_andReseals_everyValue() throws Exception {
        secrets.createSecret(admin, fleet.environment, apiKey, new SecretValue("hunter2"), "");
        String sealedBefore = store.findSecret(fleet.environment, apiKey).orElseThrow().envelope();

        Rotation rotation = keyRing.rotateKeys(admin);

        String sealedAfter = store.findSecret(fleet.environment, apiKey).orElseThrow().envelope();
        assertThat(rotation.secretsResealed()).isEqualTo(1);
        assertThat(sealedAfter).isNotEqualTo(sealedBefore).contains(rotation.newKeyId());
        assertThat(secrets.resolveSecrets(fleet.environment, Set.of(apiKey))).containsEntry(apiKey, new SecretValue("hunter2"));
        assertThat(keys.findAll()).hasSize(2).filteredOn(k -> k.primary()).singleElement()
                .satisfies(k -> assertThat(k.key().keyId()).isEqualTo(rotation.newKeyId()));
        assertThat(fleet.auditLog.all()).extracting(AuditEntry::action).contains("keys.rotate");
    }

    @Test
    void aValueSealedByAnotherServersNewKey_isOpenedAfterReloadingTheRing() throws Exception {
        KeyRingService otherServer = new KeyRingService(fleet.transactions, keys, store, fleet.auditLog, new ToySecretCipher("master"), fleet.clock);
        otherServer.initialize();
        otherServer.rotateKeys(admin);
        String sealed = otherServer.seal("from the other server".getBytes(), "ctx");

        assertThat(new String(keyRing.open(sealed, "ctx"))).isEqualTo("from the other server");
    }

    @Test
    void aMasterKeyThatDoesNotFitTheRing_refusesToStart() {
        KeyRingService wrongKey = new KeyRingService(fleet.transactions, keys, store, fleet.auditLog, new ToySecretCipher("another master"),
                fleet.clock);

        assertThatThrownBy(wrongKey::initialize).isInstanceOf(KeyRingFailure.class);
    }
}
