package dev.vectorflow.ports.out.security;

/** The envelope names a data key this process has not loaded (another server may have rotated): reload and retry. */
public class UnknownKeyFailure extends KeyRingFailure {

    private static final long serialVersionUID = 1L;

    private final String keyId;

    public UnknownKeyFailure(String keyId) {
        super("no data key '" + keyId + "' is loaded");
        this.keyId = keyId;
    }

    public String keyId() {
        return keyId;
    }
}
