package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.backup.BackupName;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.out.backup.BackupStorage;
import dev.vectorflow.ports.out.backup.BackupStorage.StoredBackup;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link BackupStorage} must do; run against the in-memory fake, a local directory and a real S3 API server. */
public abstract class BackupStorageContract {

    /** A storage with nothing in it. */
    protected abstract BackupStorage emptyStorage();

    /** Puts a file that is not a backup next to the backups (the storage must not list it). */
    protected abstract void putOtherFile(String name, byte[] content) throws Exception;

    @TempDir
    protected Path scratch;

    private static BackupName name(String tail) {
        return new BackupName("vectorflow-2026-12-06T03-00-00Z-manual-" + tail + ".vfbackup");
    }

    private Path file(byte[] content) throws Exception {
        Path file = scratch.resolve(UUID.randomUUID() + ".partial");
        Files.write(file, content);
        return file;
    }

    @Test
    void aStoredBackup_isListedWithItsSize_andReadsBackByteForByte() throws Exception {
        BackupStorage storage = emptyStorage();
        byte[] content = new byte[300_000];
        new java.util.Random(7).nextBytes(content);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);

        storage.store(name("a1"), file(content));

        StoredBackup listed = storage.list().stream().filter(b -> b.name().equals(name("a1"))).findFirst().orElseThrow();
        assertThat(listed.bytes()).isEqualTo(content.length);
        assertThat(listed.lastModified()).isAfterOrEqualTo(before).isBeforeOrEqualTo(Instant.now().plusSeconds(2));
        try (InputStream in = storage.open(name("a1"))) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void onlyBackupsAreListed_andADeletedOneIsGone() throws Exception {
        BackupStorage storage = emptyStorage();
        storage.store(name("b1"), file(new byte[] {1}));
        storage.store(name("b2"), file(new byte[] {2}));
        putOtherFile("notes.txt", new byte[] {3});

        assertThat(storage.list()).extracting(StoredBackup::name).containsExactlyInAnyOrder(name("b1"), name("b2"));

        storage.delete(name("b1"));
        storage.delete(name("b1"));

        assertThat(storage.list()).extracting(StoredBackup::name).containsExactly(name("b2"));
        assertThatThrownBy(() -> storage.open(name("b1")).close()).isInstanceOf(NotFoundFailure.class);
        assertThat(storage.description()).isNotBlank();
    }
}
