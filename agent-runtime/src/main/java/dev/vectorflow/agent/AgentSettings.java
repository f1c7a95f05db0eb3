package dev.vectorflow.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's configuration from its environment: {@code VF_URL} (the server, required; several servers on one
 * database as a comma-separated list, at most {@value #MAX_SERVERS}, tried in turn when one is unavailable), {@code VF_TOKEN}
 * (enrollment token, needed until the node holds a node token), {@code VF_DATA_DIR} (node token and pipelines;
 * default {@code /var/lib/vectorflow-agent}), {@code VF_NODE_LABELS} ({@code k=v,k2=v2}), {@code VF_VECTOR_BIN}
 * (default {@code vector} on PATH), {@code VF_POLL_INTERVAL} (until the server says otherwise; {@code 15s},
 * {@code 500ms}, {@code 1m} or seconds) and {@code VF_UPDATE_PUBLIC_KEY} (base64 ed25519 key that signs releases).
 */
public record AgentSettings(List<URI> serverUrls, Optional<String> enrollmentToken, Path dataDirectory, Map<String, String> labels,
                            Path vectorBinary, Duration pollInterval, Optional<String> updatePublicKey) {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)?");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_.\\-/]{1,63}");

    /** At most this many addresses in {@code VF_URL}. */
    public static final int MAX_SERVERS = 16;

    public AgentSettings {
        serverUrls = List.copyOf(serverUrls);
        if (serverUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one server address is needed");
        }
        labels = Map.copyOf(labels);
    }

    public static AgentSettings fromEnvironment(Map<String, String> env) {
        String url = env.get("VF_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("VF_URL is required: the address of the VectorFlow server, e.g. https://vectorflow.example.com");
        }
        List<URI> urls = new ArrayList<>();
        for (String one : url.split(",")) {
            if (!one.isBlank()) {
                urls.add(serverUrl(one));
            }
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("VF_URL must name at least one http(s) URL but was '" + url + "'");
        }
        if (urls.size() > MAX_SERVERS) {
            throw new IllegalArgumentException("VF_URL may list at most " + MAX_SERVERS + " servers but listed " + urls.size());
        }
        if (new HashSet<>(urls).size() != urls.size()) {
            throw new IllegalArgumentException("VF_URL lists a server twice: '" + url + "'");
        }
        Optional<String> token = Optional.ofNullable(env.get("VF_TOKEN")).map(String::strip).filter(t -> !t.isEmpty());
        Path dataDir = Path.of(env.getOrDefault("VF_DATA_DIR", "/var/lib/vectorflow-agent")).toAbsolutePath();
        Map<String, String> labels = labels(env.getOrDefault("VF_NODE_LABELS", ""));
        String bin = env.getOrDefault("VF_VECTOR_BIN", "");
        Path vector = Path.of(bin.isBlank() ? "vector" : bin.strip());
        Duration poll = duration("VF_POLL_INTERVAL", env.getOrDefault("VF_POLL_INTERVAL", "15s"));
        Optional<String> key = Optional.ofNullable(env.get("VF_UPDATE_PUBLIC_KEY")).map(String::strip).filter(k -> !k.isEmpty());
        return new AgentSettings(urls, token, dataDir, labels, vector, poll, key);
    }

    private static URI serverUrl(String text) {
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("VF_URL must be an http(s) URL but was '" + text.strip() + "'");
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("VF_URL must be an http(s) URL but was '" + text.strip() + "'");
        }
        return uri;
    }

    static Map<String, String> labels(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? "" : pair.substring(0, eq).strip();
            String v = eq < 0 ? "" : pair.substring(eq + 1).strip();
            if (!LABEL.matcher(k).matches() || !LABEL.matcher(v).matches()) {
                throw new IllegalArgumentException("VF_NODE_LABELS must be k=v pairs separated by commas (letters, digits, _ . - /) but had '" + pair.strip() + "'");
            }
            out.put(k, v);
        }
        return out;
    }

    static Duration duration(String variable, String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(variable + " must be a duration such as 15s, 500ms or 1m but was '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.toMillis() < 100 || d.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(variable + " must lie between 100ms and 1h but was '" + text + "'");
        }
        return d;
    }

    @Override
    public String toString() {
        return "AgentSettings[serverUrls=" + serverUrls + ", enrollmentToken=" + (enrollmentToken.isPresent() ? "****" : "none")
                + ", dataDirectory=" + dataDirectory + ", labels=" + labels + ", vectorBinary=" + vectorBinary
                + ", pollInterval=" + pollInterval + ", updatePublicKey=" + (updatePublicKey.isPresent() ? "set" : "none") + "]";
    }
}
