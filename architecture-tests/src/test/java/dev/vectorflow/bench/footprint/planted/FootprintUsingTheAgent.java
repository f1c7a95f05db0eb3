package dev.vectorflow.bench.footprint.planted;

import dev.vectorflow.agent.AgentMain;

/** Planted violation: a footprint measurement linking the agent's classes instead of running the shipped jar. */
public class FootprintUsingTheAgent {
    public String version() {
        return AgentMain.version();
    }
}
