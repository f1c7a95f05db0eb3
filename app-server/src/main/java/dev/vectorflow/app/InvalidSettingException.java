package dev.vectorflow.app;

/** A configuration variable has a value the server cannot use; the message names the variable. */
public final class InvalidSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String variable, String expectation, String value) {
        super(variable + " " + expectation + " but was '" + value + "'");
    }

    /** For secret settings: the message never repeats the value. */
    public InvalidSettingException(String message) {
        super(message);
    }
}
