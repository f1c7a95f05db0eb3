package dev.vectorflow.agent.planted;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Planted violation: the agent reading JSON with a general data-binding mapper. */
public class AgentUsingDataBinding {
    public Object read(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }
}
