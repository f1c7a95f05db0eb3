package dev.vectorflow.ports.out.backup;

/** The backup storage or a local file could not be read or written; the message says where and why. */
public class BackupStorageFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BackupStorageFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
