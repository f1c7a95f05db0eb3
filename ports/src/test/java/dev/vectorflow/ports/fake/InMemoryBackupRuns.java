package dev.vectorflow.ports.fake;

import dev.vectorflow.core.backup.BackupName;
import dev.vectorflow.core.backup.BackupRun;
import dev.vectorflow.core.backup.BackupTrigger;
import dev.vectorflow.ports.out.backup.BackupRuns;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** Fake of {@link BackupRuns}: the runs by id in a map. */
public final class InMemoryBackupRuns implements BackupRuns, InMemoryTransactions.Participant {

    private Map<UUID, BackupRun> runs = new LinkedHashMap<>();

    private Stream<BackupRun> newestFirst() {
        return runs.values().stream().sorted(Comparator.comparing(BackupRun::startedAt).reversed());
    }

    @Override
    public void save(BackupRun run) {
        runs.put(run.id(), run);
    }

    @Override
    public List<BackupRun> newest(int limit) {
        return newestFirst().limit(limit).toList();
    }

    @Override
    public Optional<BackupRun> byName(BackupName name) {
        return newestFirst().filter(r -> r.name().equals(name)).findFirst();
    }

    @Override
    public Optional<BackupRun> lastOf(BackupTrigger trigger) {
        return newestFirst().filter(r -> r.trigger() == trigger).findFirst();
    }

    @Override
    public Object snapshot() {
        return new LinkedHashMap<>(runs);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        runs = new LinkedHashMap<>((Map<UUID, BackupRun>) snapshot);
    }
}
