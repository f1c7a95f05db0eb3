package dev.vectorflow.agent;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's configuration from its environment: {@code VF_URL} (the server, required),
 * {@code VF_TOKEN} (enrollment token, needed until the node holds a node token) and
 * {@code VF_DATA_DIR} (node token and last good configs; default {@code /var/lib/vectorflow-agent}).
 */
public record AgentSettings(URI serverUrl, Optional<String> enrollmentToken, Path dataDirectory) {

    public static AgentSettings fromEnvironment(Map<String, String> env) {
        String url = env.get("VF_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("VF_URL is required: the address of the VectorFlow server, e.g. https://vectorflow.example.com");
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("VF_URL must be an http(s) URL but was '" + url + "'");
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("VF_URL must be an http(s) URL but was '" + url + "'");
        }
        Optional<String> token = Optional.ofNullable(env.get("VF_TOKEN")).map(String::strip).filter(t -> !t.isEmpty());
        Path dataDir = Path.of(env.getOrDefault("VF_DATA_DIR", "/var/lib/vectorflow-agent"));
        return new AgentSettings(uri, token, dataDir);
    }

    @Override
    public String toString() {
        return "AgentSettings[serverUrl=" + serverUrl + ", enrollmentToken=" + (enrollmentToken.isPresent() ? "****" : "none")
                + ", dataDirectory=" + dataDirectory + "]";
    }
}
