package dev.vectorflow.ports.out.vector.runtime;

/** A Vector process could not be started or signalled; the message says why in words for an operator. */
public class VectorFailure extends Exception {

    public VectorFailure(String message) {
        super(message);
    }

    public VectorFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
