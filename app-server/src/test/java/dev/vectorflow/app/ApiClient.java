package dev.vectorflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A small HTTP client for API tests against a real server: optionally signed in (session cookie
 * plus the CSRF header, as the web UI sends them) or carrying a bearer token.
 */
public final class ApiClient {

    /** An answer: status, content type, raw body and the body as JSON (null when it is not JSON). */
    public record Answer(int status, String contentType, String body, JsonNode json, HttpResponse<String> raw) {
        public Optional<String> cookie(String name) {
            return raw.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                    .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                    .findFirst();
        }
    }

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String cookie;
    private final String csrf;
    private final String bearer;

    public ApiClient(String base) {
        this(base, null, null, null);
    }

    private ApiClient(String base, String cookie, String csrf, String bearer) {
        this.base = base;
        this.cookie = cookie;
        this.csrf = csrf;
        this.bearer = bearer;
    }

    public ApiClient withSession(String sessionCookie, String csrfToken) {
        return new ApiClient(base, sessionCookie, csrfToken, null);
    }

    public ApiClient withBearer(String token) {
        return new ApiClient(base, null, null, token);
    }

    /** The same session without the CSRF header (what a forged cross-site request looks like). */
    public ApiClient withoutCsrf() {
        return new ApiClient(base, cookie, null, bearer);
    }

    public String base() {
        return base;
    }

    public Optional<String> sessionCookie() {
        return Optional.ofNullable(cookie);
    }

    /** Signs in through the API and returns a client that carries the new session. */
    public ApiClient signIn(String email, String password) {
        Answer answer = postJson("/api/session", json("email", email, "password", password));
        if (answer.status() != 200) {
            throw new IllegalStateException("sign-in of " + email + " failed: " + answer.status() + " " + answer.body());
        }
        return withSession(answer.cookie("vf_session").orElseThrow(), answer.json().get("csrfToken").asText());
    }

    /** A JSON object from alternating names and values. */
    public static String json(Object... namesAndValues) {
        var node = MAPPER.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.set((String) namesAndValues[i], MAPPER.valueToTree(namesAndValues[i + 1]));
        }
        return node.toString();
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer delete(String path) {
        return send(request(path).DELETE());
    }

    public Answer postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer putJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer patchJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            builder.header("Cookie", "vf_session=" + cookie);
        }
        if (csrf != null) {
            builder.header("X-CSRF-Token", csrf);
        }
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    public Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = null;
            if (contentType.contains("json") && !response.body().isEmpty()) {
                json = MAPPER.readTree(response.body());
            }
            return new Answer(response.statusCode(), contentType, response.body(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
