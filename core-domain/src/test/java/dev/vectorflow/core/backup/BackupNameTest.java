package dev.vectorflow.core.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.validation.InvalidValueException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackupNameTest {

    @Test
    void aNewName_tellsWhenAndWhy() {
        BackupName name = BackupName.of(Instant.parse("2026-12-06T03:00:07Z"), BackupTrigger.PRE_RESTORE, "0193ab12-cd34");

        assertThat(name.value()).isEqualTo("vectorflow-2026-12-06T03-00-07Z-pre-restore-0193ab12.vfbackup");
        assertThat(BackupName.isBackupName(name.value())).isTrue();
    }

    @Test
    void pathsAndOtherFiles_areNotBackupNames() {
        for (String bad : new String[] {"../etc/passwd.vfbackup", "a/b.vfbackup", "backup.tar.gz", ".hidden.vfbackup", "x..y.vfbackup", ""}) {
            assertThat(BackupName.isBackupName(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> new BackupName(bad)).isInstanceOf(InvalidValueException.class).hasMessageContaining("'backup'");
        }
    }
}
