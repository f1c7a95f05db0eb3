package dev.vectorflow.agent.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secret values of the pipelines this agent runs, in memory only (never on disk); Vector reads them through the
 * {@code exec} secret backend, which asks the running agent over its private channel.
 */
public final class SecretVault {

    private final Map<String, Map<String, String>> byPipeline = new ConcurrentHashMap<>();

    void put(String pipelineId, Map<String, String> secrets) {
        byPipeline.put(pipelineId, Map.copyOf(secrets));
    }

    void remove(String pipelineId) {
        byPipeline.remove(pipelineId);
    }

    /** The answer to Vector's request for these keys: a value, or an error naming the key. */
    public Map<String, Optional<String>> lookup(String pipelineId, List<String> keys) {
        Map<String, String> values = byPipeline.getOrDefault(pipelineId, Map.of());
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        keys.forEach(k -> out.put(k, Optional.ofNullable(values.get(k))));
        return out;
    }

    /** Whether the agent holds this pipeline's secrets (after a restart it waits for the server to send them again). */
    public boolean knows(String pipelineId) {
        return byPipeline.containsKey(pipelineId);
    }
}
