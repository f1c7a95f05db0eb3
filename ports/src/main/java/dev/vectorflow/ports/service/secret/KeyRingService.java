package dev.vectorflow.ports.service.secret;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.secret.Certificate;
import dev.vectorflow.core.secret.Secret;
import dev.vectorflow.ports.in.secret.RotateKeysUseCase;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.KeyRingRepository;
import dev.vectorflow.ports.out.persistence.KeyRingRepository.StoredKey;
import dev.vectorflow.ports.out.persistence.SecretRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.security.KeyRingFailure;
import dev.vectorflow.ports.out.security.SecretCipher;
import dev.vectorflow.ports.out.security.UnknownKeyFailure;
import dev.vectorflow.ports.out.security.WrappedDataKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Arrays;

/**
 * The key ring: data keys in the database, wrapped by the master key; the primary one seals. At
 * start it proves the master key on a canary value and refuses to go on if it cannot open it.
 * Opening a value sealed with a key this process has not loaded (another server rotated) reloads
 * the ring once.
 */
public final class KeyRingService implements RotateKeysUseCase {

    static final String CANARY_CONTEXT = "vectorflow:key-ring-canary";
    private static final byte[] CANARY = "VectorFlow key ring canary v1".getBytes(StandardCharsets.UTF_8);

    private final Transactions transactions;
    private final KeyRingRepository keys;
    private final SecretRepository secrets;
    private final AuditLog audit;
    private final SecretCipher cipher;
    private final Clock clock;

    public KeyRingService(Transactions transactions, KeyRingRepository keys, SecretRepository secrets, AuditLog audit, SecretCipher cipher,
                          Clock clock) {
        this.transactions = transactions;
        this.keys = keys;
        this.secrets = secrets;
        this.audit = audit;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Loads the ring (making the first data key and the canary on first start) and checks the
     * canary.
     *
     * @throws KeyRingFailure when the configured master key cannot open the ring or the canary
     */
    public void initialize() {
        transactions.inTransaction(() -> {
            List<StoredKey> stored = keys.findAll();
            if (stored.isEmpty()) {
                WrappedDataKey first = cipher.newDataKey();
                keys.insert(first, clock.instant());
                keys.makePrimary(first.keyId());
                stored = keys.findAll();
            }
            load(stored);
            Optional<String> canary = keys.canary();
            if (canary.isEmpty()) {
                keys.putCanary(cipher.seal(CANARY, CANARY_CONTEXT));
            } else if (!Arrays.equals(cipher.open(canary.get(), CANARY_CONTEXT), CANARY)) {
                throw new KeyRingFailure("the key ring canary holds an unexpected value");
            }
            return null;
        });
    }

    private void load(List<StoredKey> stored) {
        String primary = stored.stream().filter(StoredKey::primary).map(k -> k.key().keyId()).findFirst()
                .orElseThrow(() -> new KeyRingFailure("the key ring has no primary data key"));
        cipher.load(stored.stream().map(StoredKey::key).toList(), primary);
    }

    /**
     * Whether {@code cipher} (a fresh one, with the configured master key) opens a key ring that is not the database's,
     * such as a backup's: it must unwrap every data key and open the canary.
     *
     * @throws KeyRingFailure with the reason when it cannot
     */
    public static void proveMasterKey(SecretCipher cipher, List<WrappedDataKey> dataKeys, String primaryKeyId, String canary) {
        cipher.load(dataKeys, primaryKeyId);
        if (!java.util.Arrays.equals(cipher.open(canary, CANARY_CONTEXT), CANARY)) {
            throw new KeyRingFailure("the key ring canary holds an unexpected value");
        }
    }

    /** Loads the ring again from the database (after another process rotated it). */
    public void reload() {
        transactions.inTransaction(() -> {
            load(keys.findAll());
            return null;
        });
    }

    public String seal(byte[] plaintext, String context) {
        return cipher.seal(plaintext, context);
    }

    /** Opens an envelope, reloading the ring once when it names a key not loaded yet. */
    public byte[] open(String envelope, String context) {
        try {
            return cipher.open(envelope, context);
        } catch (UnknownKeyFailure unknown) {
            reload();
            return cipher.open(envelope, context);
        }
    }

    @Override
    public Rotation rotateKeys(Actor actor) {
        return transactions.inTransaction(() -> {
            load(keys.findAll());
            WrappedDataKey fresh = cipher.newDataKey();
            keys.insert(fresh, clock.instant());
            keys.makePrimary(fresh.keyId());
            List<StoredKey> ring = keys.findAll();
            load(ring);
            int resealedSecrets = 0;
            for (Secret s : secrets.allSecrets()) {
                String context = Secret.sealingContext(s.environmentId(), s.name());
                secrets.updateSecret(s.resealed(cipher.seal(open(s.envelope(), context), context)));
                resealedSecrets++;
            }
            int resealedCertificates = 0;
            for (Certificate c : secrets.allCertificates()) {
                String context = Certificate.sealingContext(c.environmentId(), c.name());
                secrets.updateCertificate(c.resealed(cipher.seal(open(c.envelope(), context), context)));
                resealedCertificates++;
            }
            keys.putCanary(cipher.seal(CANARY, CANARY_CONTEXT));
            audit.append(new AuditEvent(actor, "keys.rotate", "key_ring", fresh.keyId(), Optional.empty(),
                    Changes.none().field("primaryKey", null, fresh.keyId()).field("secretsResealed", null, resealedSecrets)
                            .field("certificatesResealed", null, resealedCertificates)));
            return new Rotation(fresh.keyId(), resealedSecrets, resealedCertificates, ring.size());
        });
    }
}
