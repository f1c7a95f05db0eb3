package dev.vectorflow.ports.fake;

import dev.vectorflow.core.backup.BackupName;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.out.backup.BackupStorage;
import dev.vectorflow.ports.out.backup.BackupStorageFailure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** {@link BackupStorage} in memory, for service tests; {@link #failNextStore} makes the next store fail as a full disk would. */
public final class InMemoryBackupStorage implements BackupStorage {

    private record Entry(byte[] content, Instant at) {
    }

    private final Map<String, Entry> files = new ConcurrentSkipListMap<>();
    private final Map<String, byte[]> others = new ConcurrentSkipListMap<>();
    private final Clock clock;
    private volatile String failNextStore;

    public InMemoryBackupStorage(Clock clock) {
        this.clock = clock;
    }

    public void failNextStore(String reason) {
        failNextStore = reason;
    }

    public void putOther(String name, byte[] content) {
        others.put(name, content);
    }

    /** Puts a backup as if stored at {@code at}. */
    public void put(BackupName name, byte[] content, Instant at) {
        files.put(name.value(), new Entry(content, at));
    }

    @Override
    public String description() {
        return "memory";
    }

    @Override
    public void store(BackupName name, Path file) {
        String reason = failNextStore;
        if (reason != null) {
            failNextStore = null;
            throw new BackupStorageFailure("Cannot store backup " + name + ": " + reason, null);
        }
        try {
            files.put(name.value(), new Entry(Files.readAllBytes(file), clock.instant()));
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new BackupStorageFailure(e.getMessage(), e);
        }
    }

    @Override
    public List<StoredBackup> list() {
        List<StoredBackup> list = new ArrayList<>();
        files.forEach((name, entry) -> list.add(new StoredBackup(new BackupName(name), entry.content().length, entry.at())));
        return list;
    }

    @Override
    public InputStream open(BackupName name) throws NotFoundFailure {
        Entry entry = files.get(name.value());
        if (entry == null) {
            throw new NotFoundFailure("Backup", name);
        }
        return new ByteArrayInputStream(entry.content());
    }

    @Override
    public void delete(BackupName name) {
        files.remove(name.value());
    }
}
