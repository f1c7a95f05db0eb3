package dev.vectorflow.ports.out.security;

/**
 * A sealed value or data key cannot be opened: unknown key id, wrong master key, or a tampered
 * envelope. The message names the key id, never any secret material.
 */
public class KeyRingFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KeyRingFailure(String message) {
        super(message);
    }

    public KeyRingFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
