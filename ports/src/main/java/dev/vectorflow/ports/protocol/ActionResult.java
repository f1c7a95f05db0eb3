package dev.vectorflow.ports.protocol;

/** Protocol v1: how the agent settled a pending action; {@code status} is SUCCEEDED or FAILED. */
public record ActionResult(String actionId, String status, String message) {

    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
}
