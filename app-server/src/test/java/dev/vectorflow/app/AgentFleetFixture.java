package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vectorflow.app.ApiClient.Answer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Where every end-to-end scenario with agents starts: a real server, one environment, and real agent processes enrolled
 * in it (labelled {@code site=lab} by their token and {@code role=<role>}) that run the Vector stand-in. It creates,
 * publishes and deploys pipelines through the API, waits for what the processes do in their own time (failing with their
 * logs), and stops the agents, their Vectors and the server when closed.
 */
final class AgentFleetFixture implements AutoCloseable {

    /** A pipeline whose config holds this text crashes on an agent whose stand-in control file is {@link #CRASHING}. */
    static final String CRASH_MARKER = "crash-me";
    /** Stand-in control: a config holding {@link #CRASH_MARKER} crashes at once; others run. */
    static final String CRASHING = "crash_after_secs=0\nfault_when_config_contains=" + CRASH_MARKER + "\n";

    final ApiClient admin;
    final String environment;
    final String url;
    private final Path dir;
    private final Duration wait;
    private final Supplier<String> context;
    private TestServer server;
    private final Map<String, AgentProcess> agents = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> agentSettings = new HashMap<>();
    private final Map<String, String> nodes = new HashMap<>();

    /**
     * Over {@code server} (closed with this fixture), a new team {@code name} with environment {@code environmentName};
     * {@code context} adds to a failed wait's message (e.g. what a receiver got).
     */
    AgentFleetFixture(Path dir, TestServer server, String name, String environmentName, Duration wait, Supplier<String> context) {
        this.dir = dir;
        this.server = server;
        this.wait = wait;
        this.context = context;
        this.admin = server.root();
        this.environment = server.createEnvironment(admin, server.createTeam(name), environmentName);
        this.url = "http://127.0.0.1:" + server.port;
    }

    /** demo_logs → remap (tagging events with {@code tag}) → blackhole. */
    static String graph(String tag) {
        return """
                {"components":[
                  {"key":"demo","kind":"source","type":"demo_logs","options":{"format":"json","interval":0.1}},
                  {"key":"parse","kind":"transform","type":"remap","options":{"source":".tag = \\"%s\\""}},
                  {"key":"out","kind":"sink","type":"blackhole","options":{}}],
                 "edges":[{"from":"demo","to":"parse"},{"from":"parse","to":"out"}]}""".formatted(tag);
    }

    /**
     * Production supervision, shorter: crash backoff 250 ms doubling to 1 s, CRASH_LOOP after 3 fast crashes; the stand-in
     * reads {@code control}.
     */
    static Map<String, String> supervision(Path control) {
        return Map.of("VF_CRASH_BACKOFF", "250ms", "VF_CRASH_BACKOFF_MAX", "1s", "VF_CRASH_LOOP_AFTER", "3", "VECTOR_STANDIN_CONTROL",
                control.toString());
    }

    /** Writes a stand-in control file {@code name} in this fixture's folder. */
    Path standinControl(String name, String properties) throws IOException {
        return Files.writeString(dir.resolve(name), properties);
    }

    /** Starts one agent a role (in this order) with its settings and waits until every one has enrolled and reported. */
    void startAgents(Map<String, Map<String, String>> settingsByRole) throws IOException, InterruptedException {
        for (Map.Entry<String, Map<String, String>> role : settingsByRole.entrySet()) {
            // every agent its own ports, as on separate hosts: agents sharing a range can hand one free port to two Vectors
            Map<String, String> settings = new HashMap<>(role.getValue());
            int first = 18600 + 40 * agentSettings.size();
            settings.putIfAbsent("VF_PORT_RANGE", first + "-" + (first + 39));
            agentSettings.put(role.getKey(), Map.copyOf(settings));
            agents.put(role.getKey(), AgentProcess.start(url, enrollmentToken(), agentData(role.getKey()), "role=" + role.getKey(),
                    agentSettings.get(role.getKey())));
        }
        int count = agents.size();
        JsonNode reported = eventually(count + " agent(s) enrolled and reported", () -> admin.get(env("/nodes")).json().get("nodes"), n -> {
            if (n.size() != count) {
                return false;
            }
            for (JsonNode node : n) {
                if (!node.hasNonNull("lastHeartbeatAt") || node.path("agentVersion").asText().isEmpty()) {
                    return false;
                }
            }
            return true;
        });
        for (JsonNode n : reported) {
            nodes.put(n.get("labels").get("role").asText(), n.get("id").asText());
        }
    }

    /** The node id of the agent with this role. */
    String node(String role) {
        return nodes.get(role);
    }

    AgentProcess agent(String role) {
        return agents.get(role);
    }

    Path agentData(String role) {
        return dir.resolve("agent-" + role);
    }

    /** Starts the agent with this role again (it was stopped), from its node token on disk. */
    AgentProcess restartAgent(String role) throws IOException {
        AgentProcess again = AgentProcess.start(url, null, agentData(role), "role=" + role, agentSettings.get(role));
        agents.put(role, again);
        return again;
    }

    void stopServer() {
        server.close();
    }

    /** A new server process on the same database and port. */
    void startServerAgain(Map<String, String> settings) {
        server = server.startAgain(settings);
    }

    /** {@code rest} under this fixture's environment's API path. */
    String env(String rest) {
        return "/api/environments/" + environment + rest;
    }

    String enrollmentToken() {
        return admin.postJson(env("/enrollment-tokens"), "{\"labels\":{\"site\":\"lab\"}}").json().get("token").asText();
    }

    <T> T eventually(String what, Supplier<T> probe, Predicate<T> done) throws InterruptedException {
        return Polling.until(what, wait, probe, done, () -> {
            StringBuilder logs = new StringBuilder(context.get());
            agents.forEach((role, agent) -> logs.append("\nagent ").append(role).append(" log:\n").append(agent.output()));
            return logs.toString();
        });
    }

    String createPipeline(String name, String graph) {
        Answer created = admin.postJson(env("/pipelines"), "{\"name\":\"" + name + "\",\"graph\":" + graph + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    void saveGraph(String pipeline, String graph) {
        Answer saved = admin.putJson("/api/pipelines/" + pipeline + "/graph", graph);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    /** Publishes the draft and deploys it with {@code body} (selector, rollout plan); returns the deployment answer. */
    JsonNode publishAndDeploy(String pipeline, String body) {
        Answer published = admin.postJson("/api/pipelines/" + pipeline + "/versions", ApiClient.json("message", "e2e"));
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        Answer deployed = admin.postJson("/api/pipelines/" + pipeline + "/deployments", body);
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        return deployed.json();
    }

    /** Waits until {@code node} reports a pipeline for which {@code matches} holds. */
    void awaitPipeline(String node, String what, Predicate<JsonNode> matches) throws InterruptedException {
        eventually(what + " on node " + node, () -> admin.get("/api/nodes/" + node).json().get("pipelines"), l -> {
            for (JsonNode p : l) {
                if (matches.test(p)) {
                    return true;
                }
            }
            return false;
        });
    }

    @Override
    public void close() {
        for (AgentProcess agent : agents.values()) {
            agent.close();
            agent.killVectors();
        }
        server.close();
    }
}
