package dev.vectorflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The server's HTTP API as the command line uses it (JDK HttpClient, bearer token), with environments and pipelines found
 * by name or id. Every error answer becomes a {@link CtlFailure} with the server's problem text and the matching exit code.
 */
public final class ServerApi {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Connection connection;
    private final HttpClient http;

    public ServerApi(Connection connection) {
        this.connection = connection;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI server() {
        return connection.server();
    }

    public JsonNode get(String path) {
        return json(send("GET", path, null));
    }

    /** A text answer (a rendered config). */
    public String getText(String path) {
        return send("GET", path, null).body();
    }

    public JsonNode post(String path, Object body) {
        return json(send("POST", path, body));
    }

    public JsonNode put(String path, Object body) {
        return json(send("PUT", path, body));
    }

    public void delete(String path) {
        send("DELETE", path, null);
    }

    /** The status of a GET without failing on 401/403 (for {@code login}). */
    public int status(String path) {
        return exchange("GET", path, null).statusCode();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** An environment by id or by name (unique among the environments the token sees; {@code team/name} picks the team). */
    public JsonNode environment(String idOrName) {
        if (UUID_TEXT.matcher(idOrName).matches()) {
            return get("/api/environments/" + idOrName.toLowerCase(Locale.ROOT));
        }
        String team = null;
        String name = idOrName;
        int slash = idOrName.indexOf('/');
        if (slash > 0) {
            team = idOrName.substring(0, slash);
            name = idOrName.substring(slash + 1);
        }
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode env : get("/api/environments").path("items")) {
            if (env.path("name").asText().equalsIgnoreCase(name) && (team == null || env.path("teamName").asText().equalsIgnoreCase(team))) {
                found.add(env);
            }
        }
        if (found.isEmpty()) {
            throw new CtlFailure(ExitCodes.NOT_FOUND, "no environment '" + idOrName + "' (see: vectorflow ctl env list)");
        }
        if (found.size() > 1) {
            throw new CtlFailure(ExitCodes.USAGE, "more than one environment is named '" + name + "': give TEAM/NAME or the id");
        }
        return found.getFirst();
    }

    /** The pipelines of an environment (without graphs). */
    public List<JsonNode> pipelines(String environmentId) {
        List<JsonNode> items = new ArrayList<>();
        get("/api/environments/" + environmentId + "/pipelines").path("items").forEach(items::add);
        return items;
    }

    /** A pipeline by id, or by name within the environment. */
    public JsonNode pipeline(String idOrName, String environment) {
        if (UUID_TEXT.matcher(idOrName).matches()) {
            return get("/api/pipelines/" + idOrName.toLowerCase(Locale.ROOT));
        }
        if (environment == null) {
            throw new CtlFailure(ExitCodes.USAGE, "a pipeline named '" + idOrName + "' needs --env ENV (or give its id)");
        }
        String envId = environment(environment).path("id").asText();
        for (JsonNode p : pipelines(envId)) {
            if (p.path("name").asText().equalsIgnoreCase(idOrName)) {
                return get("/api/pipelines/" + p.path("id").asText());
            }
        }
        throw new CtlFailure(ExitCodes.NOT_FOUND, "no pipeline '" + idOrName + "' in environment '" + environment + "'");
    }

    /** A node by id, or by host name within the environment. */
    public JsonNode node(String idOrHostname, String environment) {
        if (UUID_TEXT.matcher(idOrHostname).matches()) {
            return get("/api/nodes/" + idOrHostname.toLowerCase(Locale.ROOT));
        }
        if (environment == null) {
            throw new CtlFailure(ExitCodes.USAGE, "a node named '" + idOrHostname + "' needs --env ENV (or give its id)");
        }
        String envId = environment(environment).path("id").asText();
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode n : items(get("/api/environments/" + envId + "/nodes?search=" + encode(idOrHostname)))) {
            if (n.path("hostname").asText().equalsIgnoreCase(idOrHostname)) {
                found.add(n);
            }
        }
        if (found.size() != 1) {
            throw new CtlFailure(found.isEmpty() ? ExitCodes.NOT_FOUND : ExitCodes.USAGE, found.isEmpty()
                    ? "no node '" + idOrHostname + "' in environment '" + environment + "'"
                    : "more than one node is named '" + idOrHostname + "': give its id");
        }
        return get("/api/nodes/" + found.getFirst().path("id").asText());
    }

    /** The newest version number of a pipeline, 0 when it has none. */
    public int latestVersion(String pipelineId) {
        int latest = 0;
        for (JsonNode v : get("/api/pipelines/" + pipelineId + "/versions").path("items")) {
            latest = Math.max(latest, v.path("number").asInt());
        }
        return latest;
    }

    private static JsonNode json(HttpResponse<String> response) {
        if (response.body().isEmpty()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CtlFailure(ExitCodes.ERROR, "the server answered something that is not JSON (" + response.statusCode() + ")");
        }
    }

    private HttpResponse<String> send(String method, String path, Object body) {
        HttpResponse<String> response = exchange(method, path, body);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        throw new CtlFailure(exitCodeFor(status), method + " " + path + ": " + problemText(status, response.body()));
    }

    static int exitCodeFor(int status) {
        return switch (status) {
            case 401, 403 -> ExitCodes.NOT_ALLOWED;
            case 404 -> ExitCodes.NOT_FOUND;
            case 400, 409, 413, 415, 422 -> ExitCodes.REFUSED;
            default -> ExitCodes.ERROR;
        };
    }

    /** The problem+json answer as lines: the detail, then every field problem. */
    static String problemText(int status, String body) {
        StringBuilder text = new StringBuilder();
        try {
            JsonNode problem = JSON.readTree(body);
            text.append(status).append(' ').append(problem.path("title").asText(""));
            if (problem.hasNonNull("detail")) {
                text.append(": ").append(problem.path("detail").asText());
            }
            for (JsonNode p : problem.path("problems")) {
                text.append("\n  ").append(p.hasNonNull("field") ? p.path("field").asText()
                        : p.path("component").asText(p.path("path").asText(""))).append(": ").append(p.path("message").asText());
            }
        } catch (IOException | RuntimeException e) {
            text.append(status);
        }
        if (status == 401) {
            text.append("\n  (the API token was refused: check VF_CTL_TOKEN or the config file)");
        }
        return text.toString();
    }

    private HttpResponse<String> exchange(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(connection.server() + path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + connection.token())
                .header("Accept", "application/json");
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CtlFailure(ExitCodes.ERROR, "cannot reach " + connection.server() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlFailure(ExitCodes.ERROR, "interrupted");
        }
    }

    /** A JSON object from alternating names and values. */
    static ObjectNode object(Object... namesAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.set((String) namesAndValues[i], JSON.valueToTree(namesAndValues[i + 1]));
        }
        return node;
    }

    static boolean isId(String text) {
        return UUID_TEXT.matcher(text).matches();
    }

    /** The entries of a list answer, whether a bare array or {@code {"items":[...]}}. */
    static JsonNode items(JsonNode answer) {
        if (answer.isArray()) {
            return answer;
        }
        // the node list pages on the server: {"nodes": [...], "total", "nextCursor"}
        return answer.has("nodes") && !answer.has("items") ? answer.path("nodes") : answer.path("items");
    }

}
