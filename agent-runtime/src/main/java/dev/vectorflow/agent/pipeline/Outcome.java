package dev.vectorflow.agent.pipeline;

/** How the agent settled an action on a pipeline: done, or refused/failed with a message for the operator. */
public record Outcome(boolean succeeded, String message) {

    public static Outcome done(String message) {
        return new Outcome(true, message);
    }

    public static Outcome failed(String message) {
        return new Outcome(false, message);
    }
}
