package dev.vectorflow.core.backup;

/** Where a backup run stands. */
public enum BackupStatus {
    RUNNING,
    SUCCEEDED,
    FAILED
}
