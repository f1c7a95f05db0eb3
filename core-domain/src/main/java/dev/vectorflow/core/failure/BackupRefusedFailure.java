package dev.vectorflow.core.failure;

/**
 * A backup cannot be restored (or read at all): the file is damaged or cut short, it comes from a newer schema than
 * this build, or the master key cannot open its key ring. The message says which and what to do. Nothing was changed.
 */
public final class BackupRefusedFailure extends DomainFailure {

    private static final long serialVersionUID = 1L;

    public BackupRefusedFailure(String message) {
        super(message);
    }
}
