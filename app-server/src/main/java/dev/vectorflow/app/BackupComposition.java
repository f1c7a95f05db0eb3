package dev.vectorflow.app;

import dev.vectorflow.adapter.crypto.AesGcmSecretCipher;
import dev.vectorflow.adapter.crypto.MasterKeySource;
import dev.vectorflow.adapter.crypto.TimeOrderedIdGenerator;
import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.ports.out.security.KeyRingFailure;
import dev.vectorflow.ports.out.security.SecretCipher;
import dev.vectorflow.ports.service.audit.AuditQueryService;
import dev.vectorflow.core.settings.SettingsSnapshot;
import dev.vectorflow.ports.service.backup.BackupService;
import dev.vectorflow.ports.service.secret.KeyRingService;
import dev.vectorflow.ports.service.settings.SettingsService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Builds the backup service on a store: for the server (with its key ring and caches to refresh after a restore) and
 * for the command line, which must not touch the key ring of a database it is about to replace. Owns the backup
 * thread and the storage client.
 */
final class BackupComposition implements AutoCloseable {

    final BackupService service;
    private final ExecutorService work;
    private final SettingsBackupStorage storage;

    BackupComposition(PostgresStore store, ServerSettings settings, Supplier<SettingsSnapshot> current, Supplier<SecretCipher> freshCipher,
                      Clock clock, Runnable afterRestore) {
        BackupSettings backup = settings.backup();
        this.storage = new SettingsBackupStorage(backup, current);
        this.work = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("vf-backup").daemon(true).unstarted(r));
        this.service = new BackupService(new BackupService.Dependencies(store.transactions(), store.snapshots(), storage, store.backupRuns(),
                store.auditLog(), new AuditQueryService(store.transactions(), store.auditLog()), freshCipher, () -> BackupSettings.policy(current.get()),
                new TimeOrderedIdGenerator(clock, new SecureRandom()), clock, work, backup.staging(), Version.current(), afterRestore));
    }

    /**
     * The settings as the command line sees them: the environment, then what the database stores (secrets only when the
     * master key opens the database's key ring), then the defaults. Nothing is written.
     */
    static SettingsSnapshot storedSettings(PostgresStore store, ServerSettings settings, Supplier<SecretCipher> cipher, Clock clock) {
        if (!store.snapshots().holdsSchema()) {
            return SettingsSnapshot.resolve(settings.storedSettingOverrides(), java.util.Map.of());
        }
        KeyRingService ring = null;
        try {
            ring = new KeyRingService(store.transactions(), store.keyRing(), store.secrets(), store.auditLog(), cipher.get(), clock);
            ring.reload();
        } catch (RuntimeException unopened) {
            // without the key ring the stored secrets stay closed: their settings fall back to their defaults
        }
        SettingsService service = new SettingsService(store.transactions(), store.settings(), store.auditLog(), ring, store.users(), () -> { },
                clock, settings.storedSettingOverrides());
        try {
            return service.reload();
        } catch (RuntimeException olderSchema) {
            // a database of an older version has no settings store yet
            return SettingsSnapshot.resolve(settings.storedSettingOverrides(), java.util.Map.of());
        }
    }

    /**
     * A fresh cipher with the configured master key, for proving it on a backup's key ring. On the command line a
     * missing key file is not created: a restore needs the key the backup was sealed with.
     */
    static Supplier<SecretCipher> cipherOf(ServerSettings settings, boolean createMissingKeyFile) {
        return () -> {
            Path keyFile = MasterKeySource.defaultKeyFile(settings.dataDirectory());
            if (!createMissingKeyFile && settings.masterKey().isEmpty() && !Files.exists(keyFile)) {
                throw new KeyRingFailure("There is no master key: neither VF_MASTER_KEY is set nor " + keyFile + " exists. The backup's secrets"
                        + " are sealed with the master key of the installation that took it: put its master.key file there or set"
                        + " VF_MASTER_KEY to it. Nothing was changed.");
            }
            SecureRandom random = new SecureRandom();
            return new AesGcmSecretCipher(new MasterKeySource(random).load(settings.masterKey(), keyFile).bytes(), random);
        };
    }

    @Override
    public void close() {
        work.shutdown();
        try {
            if (!work.awaitTermination(10, TimeUnit.SECONDS)) {
                work.shutdownNow();
            }
        } catch (InterruptedException e) {
            work.shutdownNow();
            Thread.currentThread().interrupt();
        }
        storage.close();
    }
}
