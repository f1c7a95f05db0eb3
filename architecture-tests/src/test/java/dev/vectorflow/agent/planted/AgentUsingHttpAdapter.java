package dev.vectorflow.agent.planted;

import dev.vectorflow.adapter.http.HttpApi;

/** Planted violation: the agent depending on the server's HTTP adapter. */
public class AgentUsingHttpAdapter {
    public Object mapper() {
        return HttpApi.objectMapper();
    }
}
