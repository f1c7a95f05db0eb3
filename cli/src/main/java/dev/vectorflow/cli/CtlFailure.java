package dev.vectorflow.cli;

/** A command that cannot go on: the message for the person (printed on stderr) and the exit code for the script. */
public final class CtlFailure extends RuntimeException {

    private final int exitCode;

    public CtlFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
