package dev.vectorflow.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The REST API as a signed-in platform admin (session cookie and CSRF header, as the UI sends them). Sessions live in
 * the database, so one sign-in serves on every server: {@link #on(String)} talks to another one with the same session.
 */
final class AdminApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** An answer; status -1 when the call got none (connection refused or cut, timeout). */
    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private final String base;
    private final String cookie;
    private final String csrf;

    private AdminApi(String base, String cookie, String csrf) {
        this.base = base;
        this.cookie = cookie;
        this.csrf = csrf;
    }

    static AdminApi signIn(String base, String email, String password) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("email", email).put("password", password).toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("sign-in failed: " + r.statusCode() + " " + r.body());
        }
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("vf_session=")).findFirst().orElseThrow()
                .split(";", 2)[0];
        return new AdminApi(base, cookie, JSON.readTree(r.body()).get("csrfToken").asText());
    }

    AdminApi on(String otherBase) {
        return new AdminApi(otherBase, cookie, csrf);
    }

    String base() {
        return base;
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer post(String path, String json) {
        return send("POST", path, json);
    }

    Answer put(String path, String json) {
        return send("PUT", path, json);
    }

    /** As {@link #send}, but a failure ends the harness with the answer. */
    JsonNode must(String method, String path, String json) {
        Answer a = send(method, path, json);
        if (!a.ok()) {
            throw new IllegalStateException(method + " " + path + " on " + base + " answered " + a.status() + ": " + a.body());
        }
        return a.json();
    }

    Answer send(String method, String path, String json) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15))
                .header("Cookie", cookie).header("X-CSRF-Token", csrf);
        if (json != null) {
            r.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> answer = HTTP.send(r.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(answer.statusCode(), answer.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }
}
