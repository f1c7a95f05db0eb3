package dev.vectorflow.core.backup;

import java.util.Locale;

/** Why a backup was taken. */
public enum BackupTrigger {
    /** Someone asked for it (UI, API or {@code vectorflow backup create}). */
    MANUAL,
    /** The backup schedule came due. */
    SCHEDULED,
    /** A restore over an existing database took it first, so that the restore can be undone. */
    PRE_RESTORE;

    /** The lower-case form used in backup names: {@code manual}, {@code scheduled}, {@code pre-restore}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
