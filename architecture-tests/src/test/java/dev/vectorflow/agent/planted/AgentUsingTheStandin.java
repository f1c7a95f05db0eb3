package dev.vectorflow.agent.planted;

import dev.vectorflow.standin.VectorStandin;

/** Planted violation: shipped agent code depending on the test-only Vector stand-in. */
public class AgentUsingTheStandin {
    public Object vector() {
        return VectorStandin.launcher();
    }
}
