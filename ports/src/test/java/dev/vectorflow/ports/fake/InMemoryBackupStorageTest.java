package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.BackupStorageContract;
import dev.vectorflow.ports.out.backup.BackupStorage;
import java.time.Clock;

class InMemoryBackupStorageTest extends BackupStorageContract {

    private InMemoryBackupStorage storage;

    @Override
    protected BackupStorage emptyStorage() {
        storage = new InMemoryBackupStorage(Clock.systemUTC());
        return storage;
    }

    @Override
    protected void putOtherFile(String name, byte[] content) {
        storage.putOther(name, content);
    }
}
