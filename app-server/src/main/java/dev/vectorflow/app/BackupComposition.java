package dev.vectorflow.app;

import dev.vectorflow.adapter.crypto.AesGcmSecretCipher;
import dev.vectorflow.adapter.crypto.MasterKeySource;
import dev.vectorflow.adapter.crypto.TimeOrderedIdGenerator;
import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.ports.out.backup.BackupStorage;
import dev.vectorflow.ports.out.security.KeyRingFailure;
import dev.vectorflow.ports.out.security.SecretCipher;
import dev.vectorflow.ports.service.audit.AuditQueryService;
import dev.vectorflow.ports.service.backup.BackupService;
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
    private final BackupStorage storage;

    BackupComposition(PostgresStore store, ServerSettings settings, Supplier<SecretCipher> freshCipher, Clock clock, Runnable afterRestore) {
        this.storage = settings.backup().openStorage();
        this.work = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("vf-backup").daemon(true).unstarted(r));
        BackupSettings backup = settings.backup();
        this.service = new BackupService(new BackupService.Dependencies(store.transactions(), store.snapshots(), storage, store.backupRuns(),
                store.auditLog(), new AuditQueryService(store.transactions(), store.auditLog()), freshCipher, backup::policy,
                new TimeOrderedIdGenerator(clock, new SecureRandom()), clock, work, backup.staging(), Version.current(), afterRestore));
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
        if (storage instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(BackupComposition.class).warn("closing the backup storage failed: {}", e.getMessage());
            }
        }
    }
}
