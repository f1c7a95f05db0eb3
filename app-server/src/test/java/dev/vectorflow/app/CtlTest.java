package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vectorflow.cli.ExitCodes;
import dev.vectorflow.cli.VectorFlowCtl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vectorflow ctl} against the real server: a whole deploy scripted with it, GitOps apply, and its refusals. */
class CtlTest {

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;
    private static TestServer server;
    private static ApiClient admin;
    private static String teamId;
    private static String editorToken;

    /** What one run of the command line did. */
    record Run(int code, String out, String err) {
        JsonNode json() {
            try {
                return ApiClient.MAPPER.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out + err, e);
            }
        }
    }

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir, Map.of("VF_ENROLL_RATE_LIMIT", "1000", "VF_AGENT_RATE_LIMIT", "1000"));
        admin = server.root();
        teamId = server.createTeam("platform");
        ApiClient.Answer token = admin.postJson("/api/teams/" + teamId + "/tokens", ApiClient.json("name", "ci", "role", "EDITOR"));
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        editorToken = token.json().get("token").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Run ctlWith(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VectorFlowCtl.run(args, env, work, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs the command line with the team's editor token in VF_CTL_TOKEN. */
    private static Run ctl(String... args) {
        return ctlWith(Map.of("VF_CTL_URL", server.anonymous.base(), "VF_CTL_TOKEN", editorToken), args);
    }

    private static Run ok(String... args) {
        Run run = ctl(args);
        assertThat(run.code()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
        return run;
    }

    private static Path write(Path dir, String name, String text) throws Exception {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), text);
    }

    private static int versionsOf(String pipelineId) {
        return admin.get("/api/pipelines/" + pipelineId + "/versions").json().get("items").size();
    }

    private static String enrollNode(String envId, String hostname, String labelsJson) {
        return enroll(envId, hostname, labelsJson).get("nodeId").asText();
    }

    /** Enrolls a node as its agent would (no agent runs); answers nodeId and nodeToken. */
    private static JsonNode enroll(String envId, String hostname, String labelsJson) {
        ApiClient.Answer token = admin.postJson("/api/environments/" + envId + "/enrollment-tokens", "{\"maxUses\":1}");
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        ApiClient.Answer enrolled = server.anonymous.postJson("/api/agent/enroll", "{\"token\":\"" + token.json().get("token").asText()
                + "\",\"hostname\":\"" + hostname + "\",\"os\":\"linux/amd64\",\"agentVersion\":\"1.0.0\",\"vectorVersion\":\"vector 0.57.0\",\"labels\":"
                + labelsJson + "}");
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
        return enrolled.json();
    }

    @Test
    void givenAnEditorToken_aWholeDeployIsScriptedWithTheCommandLineOnly() throws Exception {
        String envId = server.createEnvironment(admin, teamId, "production");
        String nodeId = enrollNode(envId, "edge-1", "{\"role\":\"edge\"}");
        enrollNode(envId, "core-1", "{\"role\":\"core\"}");

        assertThat(ok("login").out()).contains("with a team API token", "platform (EDITOR)");
        assertThat(ok("env", "list", "-o", "json").json().findValuesAsText("name")).contains("production");

        Path file = write(work.resolve("flow"), "web.yaml", PipelineFixtures.SIMPLE_YAML);
        assertThat(ok("pipeline", "import", file.toString(), "--env", "production").out()).contains("Imported 'web' as ");
        assertThat(ok("pipeline", "publish", "web", "--env", "production", "-m", "first").out()).contains("Published version 1");

        JsonNode deployed = ok("pipeline", "deploy", "web", "--env", "production", "--selector", "role=edge", "-o", "json").json();
        assertThat(deployed.get("version").asInt()).isEqualTo(1);
        assertThat(deployed.get("matchedNodes").asInt()).isEqualTo(1);
        assertThat(deployed.get("selector").get("role").asText()).isEqualTo("edge");

        JsonNode nodes = ok("node", "list", "--env", "production", "-o", "json").json();
        assertThat(nodes.findValuesAsText("hostname")).containsExactlyInAnyOrder("edge-1", "core-1");
        assertThat(ok("node", "list", "--env", "production", "--label", "role=edge").out()).contains("edge-1").doesNotContain("core-1");
        assertThat(ok("node", "get", "edge-1", "--env", "production", "-o", "json").json().get("id").asText()).isEqualTo(nodeId);

        // a second version through apply, then back to the first one, deployed where the pipeline runs
        write(work.resolve("flow"), "web.yaml", PipelineFixtures.SIMPLE_YAML.replace("upcase", "downcase"));
        assertThat(ok("apply", "-f", work.resolve("flow").toString(), "--env", "production").out()).contains("~ update web (version 1 -> new version)");
        Run rollback = ok("pipeline", "rollback", "web", "--env", "production", "--to", "1", "--deploy");
        assertThat(rollback.out()).contains("Rolled back to version 1 as version 3", "Deployed version 3 to 1 matching node(s) (selector role=edge)");
        String pipelineId = ok("pipeline", "get", "web", "--env", "production", "-o", "json").json().get("id").asText();
        JsonNode current = admin.get("/api/pipelines/" + pipelineId + "/deployments").json().get("current");
        assertThat(current.get("version").asInt()).isEqualTo(3);
        assertThat(current.get("selector").get("role").asText()).isEqualTo("edge");

        JsonNode versions = new YAMLMapper().readTree(ok("pipeline", "versions", pipelineId, "-o", "yaml").out());
        assertThat(versions.findValuesAsText("number")).containsExactlyInAnyOrder("1", "2", "3");
        String toml = ok("pipeline", "export", "web", "--env", "production", "--format", "toml").out();
        assertThat(toml).contains("[sources.app_logs]", "[sinks.out]", "upcase");
        assertThat(ok("pipeline", "export", pipelineId, "--version", "2", "--format", "toml").out()).contains("[transforms.parse]", "downcase");

        assertThat(ok("status", "--env", "production").out()).contains("Environment production", "Nodes:      2");
        assertThat(ok("logs", "--node", "edge-1", "--env", "production", "-o", "json").json().isArray()).isTrue();
        assertThat(ok("pipeline", "undeploy", "web", "--env", "production").out()).contains("Undeployed");
        JsonNode after = admin.get("/api/pipelines/" + pipelineId + "/deployments").json().path("current");
        assertThat(after.isNull() || after.isMissingNode()).as(after.toString()).isTrue();
    }

    @Test
    void givenADirectory_applyCreatesThenChangesNothing_thenUpdatesExactlyTheChangedFile_andPrunesOnlyWhenAsked() throws Exception {
        server.createEnvironment(admin, teamId, "gitops");
        Path dir = work.resolve("gitops");
        write(dir, "web.yaml", PipelineFixtures.SIMPLE_YAML);
        write(dir, "shipper.yaml", """
                sources:
                  in: {type: demo_logs, format: json}
                sinks:
                  out:
                    type: http
                    inputs: [in]
                    uri: https://example.com/ingest
                    encoding: {codec: json}
                    auth: {strategy: basic, user: shipper, password: hunter2}
                """);
        String d = dir.toString();

        Run first = ok("apply", "-f", d, "--env", "gitops");
        assertThat(first.out()).contains("+ create shipper", "+ create web", "Applied: 2 created, 0 updated, 0 deleted, 0 unchanged.");
        assertThat(first.err()).contains("[1/2] create shipper", "published version 1", "creating secret out_auth_password");
        Map<String, String> ids = new HashMap<>();
        String envId = admin.get("/api/environments").json().get("items").findParents("name").stream()
                .filter(e -> e.get("name").asText().equals("gitops")).findFirst().orElseThrow().get("id").asText();
        admin.get("/api/environments/" + envId + "/pipelines").json().get("items").forEach(p -> ids.put(p.get("name").asText(), p.get("id").asText()));
        assertThat(versionsOf(ids.get("web"))).isEqualTo(1);
        assertThat(versionsOf(ids.get("shipper"))).isEqualTo(1);
        assertThat(admin.get("/api/pipelines/" + ids.get("shipper") + "/versions/1").body()).doesNotContain("hunter2");

        Run second = ok("apply", "-f", d, "--env", "gitops");
        assertThat(second.out()).contains("= unchanged shipper (version 1)", "= unchanged web (version 1)",
                "Plan: 0 to create, 0 to update, 0 to delete, 2 unchanged.").doesNotContain("Applied");
        assertThat(versionsOf(ids.get("web"))).as("a second apply publishes nothing").isEqualTo(1);
        assertThat(versionsOf(ids.get("shipper"))).isEqualTo(1);

        // the same pipeline written as TOML in another order, without the YAML file: still unchanged
        Files.delete(dir.resolve("web.yaml"));
        write(dir, "web.toml", ok("pipeline", "export", "web", "--env", "gitops", "--format", "toml").out());
        assertThat(ctl("apply", "-f", d, "--env", "gitops", "--dry-run", "--detailed-exitcode").code()).isEqualTo(ExitCodes.OK);

        write(dir, "web.toml", Files.readString(dir.resolve("web.toml")).replace("upcase", "downcase"));
        Run plan = ctl("apply", "-f", d, "--env", "gitops", "--dry-run", "--detailed-exitcode");
        assertThat(plan.code()).isEqualTo(ExitCodes.CHANGES_PENDING);
        assertThat(plan.out()).contains("~ update web (version 1 -> new version)", "--- web (version 1)", "+++ web (file)",
                "-      .message = upcase(string!(.message))", "+      .message = downcase(string!(.message))", "= unchanged shipper");
        assertThat(versionsOf(ids.get("web"))).as("a dry run changes nothing").isEqualTo(1);

        JsonNode applied = ok("apply", "-f", d, "--env", "gitops", "-o", "json").json();
        assertThat(applied.get("changed").asBoolean()).isTrue();
        assertThat(applied.get("changes").findValuesAsText("action")).containsExactly("unchanged", "update");
        assertThat(versionsOf(ids.get("web"))).isEqualTo(2);
        assertThat(versionsOf(ids.get("shipper"))).isEqualTo(1);
        assertThat(admin.get("/api/pipelines/" + ids.get("web") + "/versions/2").json().get("message").asText()).isEqualTo("vectorflow ctl apply web.toml");

        Files.delete(dir.resolve("shipper.yaml"));
        assertThat(ok("apply", "-f", d, "--env", "gitops").out()).contains("  keep shipper (no file; --prune deletes it)");
        assertThat(admin.get("/api/pipelines/" + ids.get("shipper")).status()).isEqualTo(200);
        assertThat(ok("apply", "-f", d, "--env", "gitops", "--prune", "--dry-run").out()).contains("- delete shipper");
        assertThat(admin.get("/api/pipelines/" + ids.get("shipper")).status()).isEqualTo(200);
        assertThat(ok("apply", "-f", d, "--env", "gitops", "--prune").out()).contains("- delete shipper", "1 deleted");
        assertThat(admin.get("/api/pipelines/" + ids.get("shipper")).status()).isEqualTo(404);
        assertThat(ok("apply", "-f", d, "--env", "gitops", "--prune").out()).contains("Plan: 0 to create, 0 to update, 0 to delete, 1 unchanged.");
    }

    @Test
    void givenBadInput_theCommandLineRefusesWithItsExitCodeAndChangesNothing() throws Exception {
        server.createEnvironment(admin, teamId, "staging");

        Run unknown = ctl("pipeline", "list", "--env", "nowhere");
        assertThat(unknown.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(unknown.err()).contains("no environment 'nowhere'");
        assertThat(ctl("pipeline", "get", "web", "--env", "staging").code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(ctl("pipeline", "list").code()).as("--env is required").isEqualTo(ExitCodes.USAGE);
        assertThat(ctl("no-such-command").code()).isEqualTo(ExitCodes.USAGE);

        Run badToken = ctlWith(Map.of("VF_CTL_URL", server.anonymous.base(), "VF_CTL_TOKEN", "vf_api_" + "0".repeat(64)), "env", "list");
        assertThat(badToken.code()).isEqualTo(ExitCodes.NOT_ALLOWED);
        assertThat(badToken.err()).contains("401", "the API token was refused");
        assertThat(ctlWith(Map.of("VF_CTL_URL", server.anonymous.base()), "env", "list").code()).isEqualTo(ExitCodes.NOT_ALLOWED);

        Path config = write(work.resolve("conf"), "ctl.properties", "url=" + server.anonymous.base() + "\ntoken=" + editorToken + "\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        Run open = ctlWith(Map.of("VF_CTL_CONFIG", config.toString()), "env", "list");
        assertThat(open.code()).isEqualTo(ExitCodes.NOT_ALLOWED);
        assertThat(open.err()).contains("group or others may access it", "chmod 600 " + config);
        assertThat(open.err()).doesNotContain(editorToken);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        assertThat(ctlWith(Map.of("VF_CTL_CONFIG", config.toString()), "env", "list").out()).contains("staging");

        Path invalid = write(work.resolve("bad"), "broken.yaml", "sources:\n  in:\n    type: no_such_source\n");
        Run validate = ctl("validate", invalid.toString());
        assertThat(validate.code()).isEqualTo(ExitCodes.REFUSED);
        assertThat(validate.out()).contains("broken.yaml: error in.type: 'no_such_source' is not a source type", "1 error(s)");
        write(work.resolve("bad"), "good.yaml", PipelineFixtures.SIMPLE_YAML);
        assertThat(ctl("validate", work.resolve("bad/good.yaml").toString(), "-o", "json").json().get("valid").asBoolean()).isTrue();

        Run refused = ctl("apply", "-f", work.resolve("bad").toString(), "--env", "staging");
        assertThat(refused.code()).isEqualTo(ExitCodes.REFUSED);
        assertThat(refused.err()).contains("nothing was changed", "broken.yaml");
        assertThat(ok("pipeline", "list", "--env", "staging", "-o", "json").json()).as("not even the good file was applied").isEmpty();

        Path viewerDir = write(work.resolve("viewer"), "web.yaml", PipelineFixtures.SIMPLE_YAML).getParent();
        String viewerToken = admin.postJson("/api/teams/" + teamId + "/tokens", ApiClient.json("name", "read", "role", "VIEWER")).json().get("token").asText();
        Run forbidden = ctlWith(Map.of("VF_CTL_URL", server.anonymous.base(), "VF_CTL_TOKEN", viewerToken), "apply", "-f", viewerDir.toString(),
                "--env", "staging");
        assertThat(forbidden.code()).isEqualTo(ExitCodes.NOT_ALLOWED);
        assertThat(forbidden.err()).contains("apply stopped at web after 0 of 1 change(s)", "403");
    }

    @Test
    void givenADeployWithWait_itTimesOutWhileTheNodeDoesNotRunTheVersion_andEndsOnceItReportsIt() throws Exception {
        String envId = server.createEnvironment(admin, teamId, "waiting");
        JsonNode node = enroll(envId, "wait-1", "{}");
        ok("pipeline", "import", write(work.resolve("wait"), "w.yaml", PipelineFixtures.SIMPLE_YAML).toString(), "--env", "waiting");
        ok("pipeline", "publish", "w", "--env", "waiting");
        JsonNode before = ok("pipeline", "get", "w", "--env", "waiting", "-o", "json").json();
        assertThat(before.get("latestVersion").asInt()).isEqualTo(1);
        assertThat(before.get("deployment").isNull()).as("not deployed yet").isTrue();
        assertThat(ok("pipeline", "get", "w", "--env", "waiting").out()).contains("LATEST VERSION:    1", "DEPLOYED VERSION:  -");

        Run timedOut = ctl("pipeline", "deploy", "w", "--env", "waiting", "--wait", "--timeout", "1");
        assertThat(timedOut.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(timedOut.out()).contains("Deployed version 1 to 1 matching node(s)");
        assertThat(timedOut.err()).contains("waiting: 0/1 node(s) run version 1", "timed out: 0 of 1 node(s) run version 1");

        String pipelineId = ok("pipeline", "get", "w", "--env", "waiting", "-o", "json").json().get("id").asText();
        String checksum = admin.get("/api/pipelines/" + pipelineId + "/versions/1").json().get("checksum").asText();
        ApiClient agent = server.anonymous.withBearer(node.get("nodeToken").asText());
        ApiClient.Answer beat = agent.postJson("/api/agent/heartbeat", "{\"agentVersion\":\"1.0.0\",\"vectorVersion\":\"vector 0.57.0\","
                + "\"deploymentMode\":\"STANDALONE\",\"pipelines\":[{\"pipelineId\":\"" + pipelineId + "\",\"version\":1,\"configChecksum\":\""
                + checksum + "\",\"status\":\"RUNNING\",\"pid\":7,\"uptimeSeconds\":3,\"eventsIn\":0,\"eventsOut\":0,\"errorsTotal\":0,"
                + "\"eventsDiscarded\":0,\"error\":null,\"componentMetrics\":[]}]}");
        assertThat(beat.status()).as(beat.body()).isEqualTo(200);

        Run waited = ok("pipeline", "deploy", "w", "--env", "waiting", "--wait", "--timeout", "30");
        assertThat(waited.err()).contains("waiting: 1/1 node(s) run version 1");
    }

    @Test
    void completionScripts_areWrittenForBashAndZsh() {
        assertThat(ok("completion", "bash").out()).contains("complete -F", "vectorflow-ctl", "apply", "pipeline");
        assertThat(ok("completion", "zsh", "--command-name", "vf").out()).startsWith("autoload -U +X compinit").contains("bashcompinit", "vf");
        assertThat(ctl("completion", "fish").code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void givenAnEnvironmentThatRequiresApproval_deploy_saysItWasSentForApproval_andDeploysNothing() {
        String environment = server.createEnvironment(admin, teamId, "guarded");
        assertThat(admin.patchJson("/api/environments/" + environment, "{\"requiresApproval\":true}").status()).isEqualTo(200);
        ApiClient.Answer pipeline = admin.postJson("/api/environments/" + environment + "/pipelines",
                "{\"name\":\"held\",\"graph\":" + PipelineFixtures.SIMPLE_GRAPH + "}");
        String pipelineId = pipeline.json().get("id").asText();
        assertThat(admin.postJson("/api/pipelines/" + pipelineId + "/versions", ApiClient.json("message", "first")).status()).isEqualTo(201);

        Run held = ok("pipeline", "deploy", "held", "--env", "guarded", "--wait");
        assertThat(held.out()).contains("Sent for approval", "Nothing was deployed yet");
        assertThat(admin.get("/api/pipelines/" + pipelineId + "/deployments").json().has("current")).isFalse();
        assertThat(admin.get("/api/environments/" + environment + "/approvals?state=pending").json().get("items")).hasSize(1);
    }
}
