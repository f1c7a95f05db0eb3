package dev.vectorflow.agent.pipeline.planted;

import dev.vectorflow.adapter.vector.process.YamlVectorConfigRules;

/** Planted violation: the agent's core naming an adapter instead of a port. */
public class PipelinesUsingAdapterVector {
    public Object rules() {
        return new YamlVectorConfigRules();
    }
}
