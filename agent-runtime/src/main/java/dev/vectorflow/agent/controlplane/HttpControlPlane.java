package dev.vectorflow.agent.controlplane;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vectorflow.agent.port.ControlPlane;
import dev.vectorflow.ports.in.agent.ConfigRequest;
import dev.vectorflow.ports.in.agent.DesiredState;
import dev.vectorflow.ports.in.agent.EnrollRequest;
import dev.vectorflow.ports.in.agent.EnrollResponse;
import dev.vectorflow.ports.in.agent.HeartbeatRequest;
import dev.vectorflow.ports.in.agent.HeartbeatResponse;
import dev.vectorflow.ports.in.agent.PipelineConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** {@link ControlPlane} over HTTP(S) with java.net.http and Jackson: protocol v1 as PROTOCOL.md writes it. */
public final class HttpControlPlane implements ControlPlane {

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json = mapper();

    public HttpControlPlane(URI base, Duration timeout) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The agent's JSON mapping of the protocol records: unknown fields ignored, absent fields not sent. */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    @Override
    public Reply<EnrollResponse> enroll(EnrollRequest request) {
        return call("POST", "api/agent/enroll", null, request, EnrollResponse.class);
    }

    @Override
    public Reply<HeartbeatResponse> heartbeat(String nodeToken, HeartbeatRequest request) {
        return call("POST", "api/agent/heartbeat", nodeToken, request, HeartbeatResponse.class);
    }

    @Override
    public Reply<PipelineConfig> config(String nodeToken, ConfigRequest request) {
        return call("POST", "api/agent/config", nodeToken, request, PipelineConfig.class);
    }

    @Override
    public Reply<DesiredState> desiredState(String nodeToken) {
        return call("GET", "api/agent/config", nodeToken, null, DesiredState.class);
    }

    private <T> Reply<T> call(String method, String path, String token, Object body, Class<T> answer) {
        URI uri = base.resolve(path);
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (body != null) {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                try {
                    return new Reply.Ok<>(json.readValue(response.body(), answer));
                } catch (IOException e) {
                    return new Reply.Unavailable<>(method + " " + uri + " answered " + status + " with a body this agent cannot read: " + e.getMessage(), Optional.empty());
                }
            }
            String message = errorMessage(response.body(), status);
            return switch (status) {
                case 401 -> new Reply.Unauthorized<>(message);
                case 404 -> new Reply.NotFound<>(message);
                case 408, 429, 500, 502, 503, 504 -> new Reply.Unavailable<>(method + " " + uri + " answered " + status + ": " + message,
                        response.headers().firstValue("Retry-After").flatMap(HttpControlPlane::seconds));
                default -> status >= 500 ? new Reply.Unavailable<>(method + " " + uri + " answered " + status + ": " + message, Optional.empty())
                        : new Reply.Rejected<>(status, message);
            };
        } catch (IOException e) {
            String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Reply.Unavailable<>(method + " " + uri + " failed: " + cause, Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply.Unavailable<>("interrupted", Optional.empty());
        }
    }

    private String errorMessage(byte[] body, int status) {
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.hasNonNull("error")) {
                return node.get("error").asText();
            }
            if (node != null && node.hasNonNull("detail")) {
                return node.get("detail").asText();
            }
        } catch (IOException ignored) {
            // not JSON: say the status only
        }
        return "HTTP " + status;
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
