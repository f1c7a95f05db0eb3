package dev.vectorflow.agent.reconcile;

/** How the agent settled an action on a pipeline: done, or refused/failed with a message for the operator. */
public record Outcome(boolean succeeded, String message) {

    static Outcome done(String message) {
        return new Outcome(true, message);
    }

    static Outcome failed(String message) {
        return new Outcome(false, message);
    }
}
