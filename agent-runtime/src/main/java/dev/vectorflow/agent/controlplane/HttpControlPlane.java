package dev.vectorflow.agent.controlplane;

import dev.vectorflow.agent.port.ControlPlane;
import dev.vectorflow.ports.protocol.ConfigRequest;
import dev.vectorflow.ports.protocol.DesiredState;
import dev.vectorflow.ports.protocol.EnrollRequest;
import dev.vectorflow.ports.protocol.EnrollResponse;
import dev.vectorflow.ports.protocol.HeartbeatRequest;
import dev.vectorflow.ports.protocol.HeartbeatResponse;
import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.protocol.PreviewJob;
import dev.vectorflow.ports.protocol.PreviewRequest;
import dev.vectorflow.ports.protocol.PreviewResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link ControlPlane} over HTTP(S): protocol v1 as docs/agent-protocol.md describes it, in {@link ProtocolJson}. One
 * blocking call at a time on {@link HttpURLConnection} (keep-alive, no redirects): an idle agent needs no selector or
 * worker threads for a call every 15 s, and it loads a fraction of java.net.http's classes.
 */
public final class HttpControlPlane implements ControlPlane {

    /** The protocol's body limit: a larger answer is refused before it takes the agent's small heap. */
    private static final int MAX_ANSWER = 8 * 1024 * 1024;

    private final URI base;
    private final int timeoutMs;

    public HttpControlPlane(URI base, Duration timeout) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.timeoutMs = Math.toIntExact(timeout.toMillis());
    }

    /** How an answer's body becomes a protocol record. */
    private interface Decoder<T> {
        T decode(byte[] body) throws ProtocolJson.Unreadable;
    }

    @Override
    public Reply<EnrollResponse> enroll(EnrollRequest request) {
        return call("POST", "api/agent/enroll", null, ProtocolJson.enroll(request), ProtocolJson::enrollResponse);
    }

    @Override
    public Reply<HeartbeatResponse> heartbeat(String nodeToken, HeartbeatRequest request) {
        return call("POST", "api/agent/heartbeat", nodeToken, ProtocolJson.heartbeat(request), ProtocolJson::heartbeatResponse);
    }

    @Override
    public Reply<PipelineConfig> config(String nodeToken, ConfigRequest request) {
        return call("POST", "api/agent/config", nodeToken, ProtocolJson.config(request), ProtocolJson::pipelineConfig);
    }

    @Override
    public Reply<PreviewJob> previewJob(String nodeToken, PreviewRequest request) {
        return call("POST", "api/agent/preview", nodeToken, ProtocolJson.previewRequest(request), ProtocolJson::previewJob);
    }

    @Override
    public Reply<Void> previewResult(String nodeToken, PreviewResult result) {
        return call("POST", "api/agent/preview-result", nodeToken, ProtocolJson.previewResult(result), body -> null);
    }

    @Override
    public Reply<DesiredState> desiredState(String nodeToken) {
        return call("GET", "api/agent/config", nodeToken, null, ProtocolJson::desiredState);
    }

    private <T> Reply<T> call(String method, String path, String token, byte[] body, Decoder<T> answer) {
        URI uri = base.resolve(path);
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(timeoutMs);
            connection.setReadTimeout(timeoutMs);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestMethod(method);
            connection.setRequestProperty("Accept", "application/json");
            if (token != null) {
                connection.setRequestProperty("Authorization", "Bearer " + token);
            }
            if (body != null) {
                connection.setRequestProperty("Content-Type", "application/json");
                connection.setDoOutput(true);
                // not in streaming mode: there the JDK drops the body of a 401 (the server's reason) to offer a retry
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            if (status < 100) {
                throw new IOException("the answer is not HTTP");
            }
            byte[] received = readBody(connection, status);
            if (status >= 200 && status < 300) {
                try {
                    return new Reply.Ok<>(answer.decode(received));
                } catch (ProtocolJson.Unreadable e) {
                    return new Reply.Unavailable<>(method + " " + uri + " answered " + status + " with a body this agent cannot read: " + e.getMessage(), Optional.empty());
                }
            }
            String message = ProtocolJson.errorMessage(received).orElse("HTTP " + status);
            return switch (status) {
                case 401 -> new Reply.Unauthorized<>(message);
                case 404 -> new Reply.NotFound<>(message);
                case 408, 429, 500, 502, 503, 504 -> new Reply.Unavailable<>(method + " " + uri + " answered " + status + ": " + message,
                        Optional.ofNullable(connection.getHeaderField("Retry-After")).flatMap(HttpControlPlane::seconds));
                default -> status >= 500 ? new Reply.Unavailable<>(method + " " + uri + " answered " + status + ": " + message, Optional.empty())
                        : new Reply.Rejected<>(status, message);
            };
        } catch (IOException | IllegalArgumentException e) {
            if (connection != null) {
                connection.disconnect(); // a half-read connection must not go back to the keep-alive cache
            }
            String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Reply.Unavailable<>(method + " " + uri + " failed: " + cause, Optional.empty());
        }
    }

    /** The whole body (the error stream for a status of 400 or more), read to the end so the connection can be reused. */
    private static byte[] readBody(HttpURLConnection connection, int status) throws IOException {
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            byte[] body = in == null ? new byte[0] : in.readNBytes(MAX_ANSWER + 1);
            if (body.length > MAX_ANSWER) {
                throw new IOException("the answer is larger than " + MAX_ANSWER + " bytes");
            }
            return body;
        }
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
