package dev.vectorflow.app;

import static dev.vectorflow.app.PromotionFixture.GRAPH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vectorflow.app.ApiClient.Answer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promotion between environments and approvals, through the real API on a real database. */
class PromotionApiTest {

    @TempDir
    static Path dataDir;
    private static TestServer server;
    private static String team;
    private static String otherTeam;
    private static ApiClient admin;
    private static ApiClient secondAdmin;
    private static ApiClient editor;
    private static ApiClient outsider;
    private static ApiClient viewerElsewhere;
    private String dev;
    private String prod;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        team = server.createTeam("platform");
        otherTeam = server.createTeam("payments");
        admin = server.user("admin@example.com", team, "ADMIN");
        secondAdmin = server.user("second-admin@example.com", team, "ADMIN");
        editor = server.user("editor@example.com", team, "EDITOR");
        outsider = server.user("outsider@example.com", otherTeam, "EDITOR");
        viewerElsewhere = server.user("viewer@example.com", team, "EDITOR");
        Answer viewer = server.root().putJson("/api/teams/" + otherTeam + "/members", ApiClient.json("email", "viewer@example.com", "role", "VIEWER"));
        assertThat(viewer.status()).as(viewer.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void environments() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        dev = server.createEnvironment(admin, team, "dev-" + suffix);
        prod = server.createEnvironment(admin, team, "prod-" + suffix);
        secretAndCertificate(dev);
    }

    private static void secretAndCertificate(String environment) {
        PromotionFixture.secretAndCertificate(admin, environment);
    }

    /** A pipeline "shipper" in dev with one published version; its id. */
    private String publishedInDev() {
        Answer created = editor.postJson("/api/environments/" + dev + "/pipelines", "{\"name\":\"shipper\",\"graph\":" + GRAPH + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Answer v1 = editor.postJson("/api/pipelines/" + id + "/versions", ApiClient.json("message", "first"));
        assertThat(v1.status()).as(v1.body()).isEqualTo(201);
        return id;
    }

    private static String promoteBody(String target, String extra) {
        return "{\"targetEnvironmentId\":\"" + target + "\"" + extra + "}";
    }

    private static final String PROD_URI = ",\"values\":[{\"component\":\"out\",\"option\":\"uri\",\"value\":\"https://prod.logs.example.com\"}]";

    private List<String> pipelinesOf(String environment) {
        List<String> names = new ArrayList<>();
        server.root().get("/api/environments/" + environment + "/pipelines").json().get("items").forEach(p -> names.add(p.get("name").asText()));
        return names;
    }

    @Test
    void givenTargetLacksTheSecretAndCertificate_promotion_isBlockedNamingEach_andNothingIsCreated() {
        String id = publishedInDev();

        Answer preview = editor.postJson("/api/pipelines/" + id + "/versions/1/promote/preview", promoteBody(prod, ""));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().get("blocked").asBoolean()).isTrue();
        assertThat(preview.json().get("missingSecrets").get(0).asText()).isEqualTo("api_token");
        assertThat(preview.json().get("missingCertificates").get(0).asText()).isEqualTo("edge");
        assertThat(preview.json().get("diff").get("added")).hasSize(2);

        Answer refused = editor.postJson("/api/pipelines/" + id + "/versions/1/promote", promoteBody(prod, ""));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("problems").findValuesAsText("field")).containsExactly("secrets", "certificates");
        assertThat(refused.body()).contains("SECRET[api_token]", "CERT[edge]");
        assertThat(pipelinesOf(prod)).isEmpty();
    }

    @Test
    void givenTargetHasTheSecrets_promotion_createsThePipelineWithTheMappedValue_andTheNextPromotionAddsAVersion() {
        String id = publishedInDev();
        secretAndCertificate(prod);

        Answer preview = editor.postJson("/api/pipelines/" + id + "/versions/1/promote/preview", promoteBody(prod, PROD_URI));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().get("blocked").asBoolean()).isFalse();
        assertThat(preview.json().get("targetPipelineId")).isNull();
        JsonNode value = preview.json().get("values").get(0);
        assertThat(value.get("from").asText()).isEqualTo("https://dev.logs.example.com");
        assertThat(value.get("to").asText()).isEqualTo("https://prod.logs.example.com");
        assertThat(pipelinesOf(prod)).as("a preview changes nothing").isEmpty();

        Answer promoted = editor.postJson("/api/pipelines/" + id + "/versions/1/promote", promoteBody(prod, PROD_URI + ",\"note\":\"release 7\""));
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(201);
        assertThat(promoted.json().get("created").asBoolean()).isTrue();
        assertThat(promoted.json().get("version").asInt()).isEqualTo(1);
        assertThat(promoted.json().get("message").asText()).startsWith("Promoted from dev-").endsWith(" v1: release 7");
        String target = promoted.json().get("pipelineId").asText();
        assertThat(pipelinesOf(prod)).containsExactly("shipper");
        String yaml = admin.get("/api/pipelines/" + target + "/versions/1").json().get("configYaml").asText();
        assertThat(yaml).contains("https://prod.logs.example.com").doesNotContain("dev.logs");

        // dev moves on; promoting its second version adds version 2 to the same prod pipeline
        assertThat(editor.putJson("/api/pipelines/" + id + "/graph", GRAPH.replace("\"codec\":\"json\"", "\"codec\":\"text\"")).status())
                .isEqualTo(200);
        assertThat(editor.postJson("/api/pipelines/" + id + "/versions", ApiClient.json("message", "second")).status()).isEqualTo(201);
        Answer again = editor.postJson("/api/pipelines/" + id + "/versions/2/promote/preview", promoteBody(prod, PROD_URI));
        assertThat(again.json().get("targetVersion").asInt()).isEqualTo(1);
        assertThat(again.json().get("diff").get("changed").get(0).get("options").findValuesAsText("path")).containsExactly("encoding.codec");
        Answer second = editor.postJson("/api/pipelines/" + id + "/versions/2/promote", promoteBody(prod, PROD_URI + ",\"deploy\":{}"));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.json().get("created").asBoolean()).isFalse();
        assertThat(second.json().get("pipelineId").asText()).isEqualTo(target);
        assertThat(second.json().get("version").asInt()).isEqualTo(2);
        assertThat(second.json().get("deployedVersion").asInt()).isEqualTo(2);
        assertThat(admin.get("/api/pipelines/" + target + "/deployments").json().get("current").get("version").asInt()).isEqualTo(2);
        assertThat(server.root().get("/api/audit?entityType=pipeline&entityId=" + target).json().get("items").findValuesAsText("action"))
                .contains("pipeline.create", "pipeline.promote", "pipeline.deploy");
    }

    @Test
    void givenBadInput_promotion_answersOne400NamingEveryProblem_andCreatesNothing() {
        String id = publishedInDev();
        secretAndCertificate(prod);
        Answer bad = editor.postJson("/api/pipelines/" + id + "/versions/1/promote", promoteBody(prod, ",\"values\":["
                + "{\"component\":\"nope\",\"option\":\"uri\",\"value\":\"x\"},"
                + "{\"component\":\"out\",\"option\":\"no_such_option\",\"value\":1},"
                + "{\"component\":\"out\",\"option\":\"uri\",\"value\":\"a\\u0000b\"},"
                + "{\"component\":\"out\",\"option\":\"encoding\",\"value\":\"json\"}]"));
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.json().get("problems").findValuesAsText("field")).contains("values[2].value");
        assertThat(pipelinesOf(prod)).isEmpty();

        Answer mappings = editor.postJson("/api/pipelines/" + id + "/versions/1/promote", promoteBody(prod, ",\"values\":["
                + "{\"component\":\"nope\",\"option\":\"uri\",\"value\":\"x\"},"
                + "{\"component\":\"out\",\"option\":\"no_such_option\",\"value\":1},"
                + "{\"component\":\"out\",\"option\":\"encoding\",\"value\":\"json\"}]"));
        assertThat(mappings.status()).as(mappings.body()).isEqualTo(400);
        assertThat(mappings.json().get("problems").findValuesAsText("field")).containsExactly("values[0]", "values[1]", "values[2]");
        assertThat(mappings.body()).contains("'nope'", "no_such_option");

        Answer own = editor.postJson("/api/pipelines/" + id + "/versions/1/promote", promoteBody(dev, ""));
        assertThat(own.status()).isEqualTo(400);
        assertThat(own.body()).contains("the pipeline's own environment");
        assertThat(editor.postJson("/api/pipelines/" + id + "/versions/9/promote", promoteBody(prod, "")).status()).isEqualTo(404);
        StringBuilder many = new StringBuilder(",\"values\":[");
        for (int i = 0; i <= 100; i++) {
            many.append(i == 0 ? "" : ",").append("{\"component\":\"out\",\"option\":\"uri\",\"value\":\"x\"}");
        }
        Answer tooMany = editor.postJson("/api/pipelines/" + id + "/versions/1/promote", promoteBody(prod, many + "]"));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("at most 100");
        assertThat(pipelinesOf(prod)).isEmpty();
    }

    @Test
    void givenAnotherTeamsEnvironment_theCallerCannotWrite_promotion_isRefusedWithTheReason_andNothingIsCreated() {
        String id = publishedInDev();
        String elsewhere = server.createEnvironment(server.root(), otherTeam, "payments-" + UUID.randomUUID().toString().substring(0, 8));
        PromotionFixture.secretAndCertificate(server.root(), elsewhere);

        Answer notMember = editor.postJson("/api/pipelines/" + id + "/versions/1/promote", promoteBody(elsewhere, ""));
        assertThat(notMember.status()).as(notMember.body()).isEqualTo(400);
        assertThat(notMember.json().get("problems").get(0).get("field").asText()).isEqualTo("targetEnvironmentId");
        assertThat(notMember.body()).contains("names no environment you can write");

        Answer viewer = viewerElsewhere.postJson("/api/pipelines/" + id + "/versions/1/promote", promoteBody(elsewhere, ""));
        assertThat(viewer.status()).as(viewer.body()).isEqualTo(400);
        assertThat(viewer.body()).contains("where you are VIEWER", "needs the EDITOR role");
        assertThat(outsider.postJson("/api/pipelines/" + id + "/versions/1/promote", promoteBody(elsewhere, "")).status())
                .as("the source is not theirs to read").isEqualTo(404);
        assertThat(pipelinesOf(elsewhere)).isEmpty();
    }

    @Test
    void givenAnEnvironmentRequiringApproval_theRequesterCannotApprove_anotherAdminCan_andARejectionChangesNothing() {
        String id = publishedInDev();
        secretAndCertificate(prod);
        Answer byEditor = editor.patchJson("/api/environments/" + prod, "{\"requiresApproval\":true}");
        assertThat(byEditor.status()).as("an admin setting").isEqualTo(403);
        Answer flagged = admin.patchJson("/api/environments/" + prod, "{\"requiresApproval\":true}");
        assertThat(flagged.status()).as(flagged.body()).isEqualTo(200);
        assertThat(flagged.json().get("requiresApproval").asBoolean()).isTrue();

        // a promotion waits
        Answer held = admin.postJson("/api/pipelines/" + id + "/versions/1/promote", promoteBody(prod, PROD_URI + ",\"note\":\"release 7\""));
        assertThat(held.status()).as(held.body()).isEqualTo(202);
        assertThat(held.json().get("state").asText()).isEqualTo("PENDING");
        assertThat(held.json().get("kind").asText()).isEqualTo("promote");
        assertThat(held.json().get("diff").get("added")).hasSize(2);
        assertThat(pipelinesOf(prod)).isEmpty();
        String request = held.json().get("id").asText();
        String approvals = "/api/environments/" + prod + "/approvals";
        assertThat(admin.get(approvals + "?state=pending").json().get("items").findValuesAsText("id")).containsExactly(request);

        Answer self = admin.postJson(approvals + "/" + request + "/approve", "{}");
        assertThat(self.status()).as(self.body()).isEqualTo(403);
        assertThat(self.body()).contains("You asked for this yourself");
        assertThat(editor.postJson(approvals + "/" + request + "/approve", "{}").status()).isEqualTo(403);
        assertThat(pipelinesOf(prod)).isEmpty();

        Answer approved = secondAdmin.postJson(approvals + "/" + request + "/approve", "{}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("state").asText()).isEqualTo("APPROVED");
        assertThat(approved.json().get("decidedBy").asText()).isEqualTo("user:second-admin@example.com");
        assertThat(pipelinesOf(prod)).containsExactly("shipper");
        String promotedId = admin.get("/api/environments/" + prod + "/pipelines").json().get("items").get(0).get("id").asText();
        assertThat(admin.get("/api/pipelines/" + promotedId + "/versions/1").json().get("message").asText()).endsWith(" v1: release 7");
        assertThat(secondAdmin.postJson(approvals + "/" + request + "/approve", "{}").status()).as("decided once").isEqualTo(409);
        String target = admin.get("/api/environments/" + prod + "/pipelines").json().get("items").get(0).get("id").asText();

        // a deploy waits too; rejected, nothing is deployed
        Answer deploy = editor.postJson("/api/pipelines/" + target + "/deployments", "{}");
        assertThat(deploy.status()).as(deploy.body()).isEqualTo(202);
        assertThat(deploy.json().get("kind").asText()).isEqualTo("deploy");
        assertThat(deploy.json().get("version").asInt()).isEqualTo(1);
        String deployRequest = deploy.json().get("id").asText();
        Answer rejected = admin.postJson(approvals + "/" + deployRequest + "/reject", ApiClient.json("reason", "not during the freeze"));
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().get("state").asText()).isEqualTo("REJECTED");
        assertThat(rejected.json().get("reason").asText()).isEqualTo("not during the freeze");
        assertThat(admin.get("/api/pipelines/" + target + "/deployments").json().has("current")).isFalse();

        // asked again and approved by another admin: deployed
        String again = editor.postJson("/api/pipelines/" + target + "/deployments", "{\"selector\":{\"tier\":\"edge\"}}").json().get("id").asText();
        assertThat(admin.postJson(approvals + "/" + again + "/approve", "{}").status()).isEqualTo(200);
        JsonNode current = admin.get("/api/pipelines/" + target + "/deployments").json().get("current");
        assertThat(current.get("version").asInt()).isEqualTo(1);
        assertThat(current.get("selector").get("tier").asText()).isEqualTo("edge");

        assertThat(admin.get(approvals + "?state=pending").json().get("items")).isEmpty();
        assertThat(admin.get(approvals + "?state=rejected").json().get("items").findValuesAsText("id")).containsExactly(deployRequest);
        assertThat(admin.get(approvals + "?state=sideways").status()).isEqualTo(400);
        assertThat(server.root().get("/api/audit?entityType=approval").json().get("items").findValuesAsText("action"))
                .contains("approval.request", "approval.approve", "approval.reject");
    }

    @Test
    void givenAnEnvironmentRequiringApproval_aStagedDeploy_waitsWithItsWaves_andTheApprovalStartsThatRollout() {
        String id = publishedInDev();
        secretAndCertificate(prod);
        assertThat(admin.patchJson("/api/environments/" + prod, "{\"requiresApproval\":true}").status()).isEqualTo(200);
        String target = admin.postJson("/api/pipelines/" + id + "/versions/1/promote", promoteBody(prod, "")).json().get("id").asText();
        String approvals = "/api/environments/" + prod + "/approvals";
        assertThat(secondAdmin.postJson(approvals + "/" + target + "/approve", "{}").status()).isEqualTo(200);
        String pipeline = admin.get("/api/environments/" + prod + "/pipelines").json().get("items").get(0).get("id").asText();

        Answer bad = editor.postJson("/api/pipelines/" + pipeline + "/deployments", "{\"rollout\":{\"waves\":[]}}");
        assertThat(bad.status()).as("a bad plan is refused before any request is held").isEqualTo(400);
        assertThat(admin.get(approvals + "?state=pending").json().get("items")).isEmpty();

        Answer held = editor.postJson("/api/pipelines/" + pipeline + "/deployments",
                "{\"rollout\":{\"waves\":[{\"nodes\":1,\"soakSeconds\":60},{\"rest\":true,\"soakSeconds\":30}],"
                        + "\"gates\":{\"minEventsOutFraction\":0.5},\"rollbackOnFailure\":true}}");
        assertThat(held.status()).as(held.body()).isEqualTo(202);
        assertThat(held.json().get("rolloutWaves").toString()).isEqualTo("[\"nodes:1 soak 60 s\",\"rest soak 30 s\"]");
        assertThat(admin.get("/api/pipelines/" + pipeline + "/rollouts").json().get("rollouts")).isEmpty();

        Answer approved = admin.postJson(approvals + "/" + held.json().get("id").asText() + "/approve", "{}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode rollouts = admin.get("/api/pipelines/" + pipeline + "/rollouts").json().get("rollouts");
        assertThat(rollouts).hasSize(1);
        JsonNode rollout = admin.get("/api/rollouts/" + rollouts.get(0).get("id").asText()).json();
        assertThat(rollout.toString()).contains("\"rollbackOnFailure\":true").contains("0.5");
        assertThat(rollout.get("waves")).hasSize(2);
    }

    @Test
    void givenTheTargetLostASecretMeanwhile_anApproval_failsWithTheReason_andTheRequestStaysPending() {
        String id = publishedInDev();
        secretAndCertificate(prod);
        assertThat(admin.patchJson("/api/environments/" + prod, "{\"requiresApproval\":true}").status()).isEqualTo(200);
        String request = editor.postJson("/api/pipelines/" + id + "/versions/1/promote", promoteBody(prod, "")).json().get("id").asText();
        assertThat(admin.delete("/api/environments/" + prod + "/secrets/api_token").status()).isEqualTo(204);

        String approvals = "/api/environments/" + prod + "/approvals";
        Answer failed = admin.postJson(approvals + "/" + request + "/approve", "{}");
        assertThat(failed.status()).as(failed.body()).isEqualTo(409);
        assertThat(failed.body()).contains("no longer has every secret");
        assertThat(admin.get(approvals + "/" + request).json().get("state").asText()).isEqualTo("PENDING");
        assertThat(pipelinesOf(prod)).isEmpty();
        assertThat(server.root().get("/api/audit?entityType=approval&entityId=" + request).json().get("items").findValuesAsText("action"))
                .contains("approval.request", "approval.approve", "approval.failed");
    }

    @Test
    void givenAnExpiredRequest_itIsListedAsExpired_andCannotBeApproved() {
        String id = publishedInDev();
        secretAndCertificate(prod);
        assertThat(admin.patchJson("/api/environments/" + prod, "{\"requiresApproval\":true}").status()).isEqualTo(200);
        String request = editor.postJson("/api/pipelines/" + id + "/versions/1/promote", promoteBody(prod, "")).json().get("id").asText();
        server.sql("update approval_requests set requested_at = now() - interval '8 days', expires_at = now() - interval '1 day'"
                + " where id = '" + request + "' returning id");
        String approvals = "/api/environments/" + prod + "/approvals";
        assertThat(admin.get(approvals + "?state=expired").json().get("items").findValuesAsText("id")).containsExactly(request);
        assertThat(admin.get(approvals + "?state=pending").json().get("items")).isEmpty();
        Answer late = admin.postJson(approvals + "/" + request + "/approve", "{}");
        assertThat(late.status()).as(late.body()).isEqualTo(409);
        assertThat(late.body()).contains("expired");
        assertThat(pipelinesOf(prod)).isEmpty();
    }
}
