package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.app.ApiClient.Answer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Pipelines through the real API: drafts, validation, rendering, import, publish, diff, rollback. */
class PipelineApiTest {

    @TempDir
    static Path dataDir;
    private static TestServer server;
    private static ApiClient editor;
    private static String team;
    private String environment;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        team = server.createTeam("platform");
        editor = server.user("editor@example.com", team, "EDITOR");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void freshEnvironment() {
        environment = server.createEnvironment(server.root(), team, "env-" + UUID.randomUUID());
    }

    private String create(String name, String graph) {
        Answer created = editor.postJson("/api/environments/" + environment + "/pipelines", "{\"name\":\"" + name + "\",\"graph\":" + graph + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    @Test
    void givenAMultiLineProgramChanged_theComponentDiff_answersItLineByLine() {
        String before = PipelineFixtures.SIMPLE_GRAPH.replace(".message = upcase(string!(.message))",
                ".message = upcase(string!(.message))\\n.stage = \\\"one\\\"\\n.kept = true");
        String id = create("vrl-lines", before);
        assertThat(editor.postJson("/api/pipelines/" + id + "/versions", ApiClient.json("message", "one")).status()).isEqualTo(201);
        Answer saved = editor.putJson("/api/pipelines/" + id + "/graph", before.replace("\\\"one\\\"", "\\\"two\\\""));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(editor.postJson("/api/pipelines/" + id + "/versions", ApiClient.json("message", "two")).status()).isEqualTo(201);

        Answer diff = editor.get("/api/pipelines/" + id + "/diff?from=1&to=2");
        assertThat(diff.status()).as(diff.body()).isEqualTo(200);
        var source = diff.json().get("components").get("changed").get(0).get("options").get(0);
        assertThat(source.get("path").asText()).isEqualTo("source");
        assertThat(source.get("lineDiff").asText()).isEqualTo(String.join("\n",
                "--- v1", "+++ v2", "@@ -1,3 +1,3 @@", " .message = upcase(string!(.message))", "-.stage = \"one\"", "+.stage = \"two\"",
                " .kept = true", ""));
        // a one-line value keeps its plain before and after, without a line diff
        String encoding = PipelineFixtures.SIMPLE_GRAPH.replace("\"codec\":\"json\"", "\"codec\":\"text\"");
        assertThat(editor.putJson("/api/pipelines/" + id + "/graph", encoding).status()).isEqualTo(200);
        assertThat(editor.postJson("/api/pipelines/" + id + "/versions", ApiClient.json("message", "three")).status()).isEqualTo(201);
        Map<String, JsonNode> byPath = new HashMap<>();
        editor.get("/api/pipelines/" + id + "/diff?from=2&to=3").json().get("components").get("changed")
                .forEach(c -> c.get("options").forEach(o -> byPath.put(o.get("path").asText(), o)));
        assertThat(byPath.get("encoding.codec").has("lineDiff")).isFalse();
        assertThat(byPath.get("encoding.codec").get("new").asText()).isEqualTo("text");
        assertThat(byPath.get("source").get("lineDiff").asText()).contains("-.kept = true");
    }

    @Test
    void draftPublishEditDiffAndRollback() {
        String id = create("edge", PipelineFixtures.SIMPLE_GRAPH);
        assertThat(editor.postJson("/api/pipelines/" + id + "/validate", "{}").json().get("valid").asBoolean()).isTrue();

        Answer yaml = editor.get("/api/pipelines/" + id + "/config?format=yaml");
        assertThat(yaml.contentType()).startsWith("application/yaml");
        assertThat(yaml.body()).contains("sources:").contains("app_logs:").contains("inputs:").contains("- parse");
        assertThat(editor.get("/api/pipelines/" + id + "/config?format=toml").body()).contains("[sources.app_logs]");

        Answer v1 = editor.postJson("/api/pipelines/" + id + "/versions", ApiClient.json("message", "first cut"));
        assertThat(v1.status()).as(v1.body()).isEqualTo(201);
        assertThat(v1.json().get("number").asInt()).isEqualTo(1);
        assertThat(v1.json().get("checkedByVector").asBoolean()).isFalse();
        assertThat(v1.body()).contains("Vector itself did not check this version");
        String checksum1 = v1.json().get("checksum").asText();
        assertThat(checksum1).hasSize(64);

        String changed = PipelineFixtures.SIMPLE_GRAPH.replace("\"codec\":\"json\"", "\"codec\":\"text\"");
        Answer saved = editor.putJson("/api/pipelines/" + id + "/graph", changed);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        Answer v2 = editor.postJson("/api/pipelines/" + id + "/versions", ApiClient.json("message", "text output"));
        assertThat(v2.json().get("number").asInt()).isEqualTo(2);
        assertThat(v2.json().get("checksum").asText()).isNotEqualTo(checksum1);

        Answer diff = editor.get("/api/pipelines/" + id + "/diff?from=1&to=2");
        assertThat(diff.status()).as(diff.body()).isEqualTo(200);
        assertThat(diff.body()).contains("encoding.codec").contains("json").contains("text");
        assertThat(diff.json().get("yamlDiff").asText()).contains("-      codec: json").contains("+      codec: text");

        Answer rollback = editor.postJson("/api/pipelines/" + id + "/versions/1/rollback", "{}");
        assertThat(rollback.status()).as(rollback.body()).isEqualTo(201);
        assertThat(rollback.json().get("number").asInt()).isEqualTo(3);
        assertThat(rollback.json().get("restoredFrom").asInt()).isEqualTo(1);
        assertThat(rollback.json().get("checksum").asText()).isEqualTo(checksum1);
        assertThat(editor.get("/api/pipelines/" + id + "/versions").json().get("items").findValuesAsText("number"))
                .containsExactly("3", "2", "1");
        assertThat(editor.get("/api/pipelines/" + id + "/versions/1").json().get("configYaml").asText())
                .isEqualTo(editor.get("/api/pipelines/" + id + "/versions/3").json().get("configYaml").asText());

        Answer reset = editor.postJson("/api/pipelines/" + id + "/draft/reset?version=2", "{}");
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.body()).contains("\"codec\":\"text\"");
        assertThat(server.root().get("/api/audit?entityType=pipeline&entityId=" + id).json().get("items").findValuesAsText("action"))
                .contains("pipeline.create", "pipeline.publish", "pipeline.rollback", "pipeline.reset_draft");
    }

    @Test
    void aDraftWithErrorsIsSavedButNotPublished() {
        String broken = """
                {"components":[
                  {"key":"in","kind":"source","type":"file","options":{}},
                  {"key":"out","kind":"sink","type":"prometheus_exporter","options":{}}],
                 "edges":[{"from":"in","to":"out"}]}""";
        String id = create("broken", broken);

        Answer validation = editor.postJson("/api/pipelines/" + id + "/validate", "{}");
        assertThat(validation.json().get("valid").asBoolean()).isFalse();
        assertThat(validation.body()).contains("the required option 'include' is missing").contains("data type mismatch");

        Answer publish = editor.postJson("/api/pipelines/" + id + "/versions", "{}");
        assertThat(publish.status()).isEqualTo(400);
        assertThat(publish.json().get("title").asText()).isEqualTo("Invalid Pipeline");
        assertThat(publish.json().get("problems").findValuesAsText("field")).contains("in.include");
        assertThat(editor.get("/api/pipelines/" + id + "/versions").json().get("items")).isEmpty();
    }

    @Test
    void referencesToMissingSecretsBlockPublishing() {
        String graph = """
                {"components":[
                  {"key":"in","kind":"source","type":"file","options":{"include":["/x"]}},
                  {"key":"splunk","kind":"sink","type":"splunk_hec_logs","options":{"endpoint":"https://splunk:8088",
                     "default_token":"SECRET[hec_token]","encoding":{"codec":"json"}}}],
                 "edges":[{"from":"in","to":"splunk"}]}""";
        String id = create("splunk", graph);

        Answer refused = editor.postJson("/api/pipelines/" + id + "/versions", "{}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("SECRET[hec_token] is referenced but the environment has no secret");

        editor.postJson("/api/environments/" + environment + "/secrets", ApiClient.json("name", "hec_token", "value", "hec-value-123"));
        Answer published = editor.postJson("/api/pipelines/" + id + "/versions", "{}");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        String yaml = editor.get("/api/pipelines/" + id + "/versions/1").json().get("configYaml").asText();
        assertThat(yaml).contains("SECRET[vectorflow.hec_token]").doesNotContain("hec-value-123");
    }

    @Test
    void importMovesLiteralSecretsIntoTheEnvironment() {
        String yaml = """
                sources:
                  in:
                    type: file
                    include: ["/var/log/*.log"]
                sinks:
                  splunk:
                    type: splunk_hec_logs
                    inputs: [in]
                    endpoint: https://splunk:8088
                    default_token: literal-hec-token-42
                    encoding:
                      codec: json
                """;
        Answer imported = editor.postJson("/api/environments/" + environment + "/pipelines/import", ApiClient.json("name", "imported", "config", yaml));

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.body()).doesNotContain("literal-hec-token-42");
        assertThat(imported.json().get("movedSecrets").get(0).get("secret").asText()).isEqualTo("splunk_default_token");
        assertThat(imported.json().get("pipeline").get("graph").toString()).contains("SECRET[splunk_default_token]");
        assertThat(editor.get("/api/environments/" + environment + "/secrets/splunk_default_token").status()).isEqualTo(200);
        assertThat(server.tablesContaining("literal-hec-token-42")).isEmpty();
        String id = imported.json().get("pipeline").get("id").asText();
        assertThat(editor.postJson("/api/pipelines/" + id + "/versions", "{}").status()).isEqualTo(201);
    }

    @Test
    void badImportsAndMalformedGraphsAre400AndStoreNothing() {
        Answer garbage = editor.postJson("/api/environments/" + environment + "/pipelines/import",
                ApiClient.json("name", "x", "config", "sources: [unclosed"));
        assertThat(garbage.status()).isEqualTo(400);
        Answer empty = editor.postJson("/api/environments/" + environment + "/pipelines/import",
                ApiClient.json("name", "x", "config", "data_dir: /tmp\n"));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("holds no sources, transforms or sinks");

        Answer malformed = editor.postJson("/api/environments/" + environment + "/pipelines",
                "{\"name\":\"m\",\"graph\":{\"components\":[{\"key\":\"a.b\",\"kind\":\"pump\"}],\"edges\":\"none\"}}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("problems").findValuesAsText("field"))
                .contains("graph.components[0].key", "graph.edges");

        StringBuilder many = new StringBuilder("{\"name\":\"big\",\"graph\":{\"components\":[");
        for (int i = 0; i <= 5000; i++) {
            many.append(i == 0 ? "" : ",").append("{\"key\":\"s").append(i).append("\",\"kind\":\"source\",\"type\":\"file\"}");
        }
        many.append("],\"edges\":[]}}");
        Answer tooBig = editor.postJson("/api/environments/" + environment + "/pipelines", many.toString());
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.body()).contains("at most 5000 components");
        assertThat(editor.get("/api/environments/" + environment + "/pipelines").json().get("items")).isEmpty();
    }

    @Test
    void structurallyBrokenGraphsAreRefusedWithEveryProblemAndNothingIsStored() {
        String broken = """
                {"components":[
                  {"key":"in","kind":"source","type":"file","options":{"include":["/x"]}},
                  {"key":"in","kind":"sink","type":"console","options":{"encoding":{"codec":"json"}}},
                  {"key":"odd","kind":"transform","type":"teleport","options":{}},
                  {"key":"a","kind":"transform","type":"remap","options":{"source":"."}},
                  {"key":"b","kind":"transform","type":"remap","options":{"source":"."}}],
                 "edges":[{"from":"ghost","to":"a"},{"from":"a","to":"b"},{"from":"b","to":"a"},{"from":"in","output":"nope","to":"odd"}]}""";
        Answer refused = editor.postJson("/api/environments/" + environment + "/pipelines", "{\"name\":\"broken\",\"graph\":" + broken + "}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("used by more than one component").contains("'teleport' is not a transform type")
                .contains("connects 'ghost'").contains("cycle").contains("has no output 'nope'");
        assertThat(editor.get("/api/environments/" + environment + "/pipelines").json().get("items")).isEmpty();

        String id = create("fine", PipelineFixtures.SIMPLE_GRAPH);
        assertThat(editor.putJson("/api/pipelines/" + id + "/graph", broken).status()).isEqualTo(400);
        assertThat(editor.get("/api/pipelines/" + id).json().get("graph").get("components")).hasSize(3);

        Answer importCycle = editor.postJson("/api/environments/" + environment + "/pipelines/import", ApiClient.json("name", "x",
                "config", "transforms:\n  a: {type: remap, inputs: [b], source: .}\n  b: {type: remap, inputs: [a], source: .}\n"));
        assertThat(importCycle.status()).isEqualTo(400);
        assertThat(importCycle.body()).contains("cycle");
    }

    @Test
    void anImportedUnknownTypeIsKeptAsAWarningButCannotBePublished() {
        Answer imported = editor.postJson("/api/environments/" + environment + "/pipelines/import", ApiClient.json("name", "future",
                "config", "sources:\n  in:\n    type: teleport\nsinks:\n  out:\n    type: console\n    inputs: [in]\n"
                        + "    encoding: {codec: json}\n"));

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.body()).contains("'teleport' is not a source type").contains("kept as imported");
        String id = imported.json().get("pipeline").get("id").asText();
        assertThat(editor.postJson("/api/pipelines/" + id + "/versions", "{}").status()).isEqualTo(400);
    }

    @Test
    void theCatalogDescribesEveryComponent() {
        Answer catalog = editor.get("/api/catalog");

        assertThat(catalog.status()).isEqualTo(200);
        assertThat(catalog.json().get("components").size()).isEqualTo(130);
        assertThat(catalog.body()).contains("\"type\":\"splunk_hec_logs\"").contains("\"sensitive\":true");
    }

    @Test
    void anEnvironmentWithPipelinesCannotBeDeleted() {
        create("keeps-env", PipelineFixtures.SIMPLE_GRAPH);

        Answer refused = server.root().delete("/api/environments/" + environment);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("pipeline");
    }

    @Test
    void publishesOfOnePipelineAtOnce_eachGetTheirOwnVersion_orAConflict_neverAServerError() throws Exception {
        String id = create("raced", PipelineFixtures.SIMPLE_GRAPH);
        int publishers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < publishers; i++) {
                String message = "race " + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return editor.postJson("/api/pipelines/" + id + "/versions", ApiClient.json("message", message));
                }));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : futures) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }

            assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isIn(201, 409));
            List<String> numbers = editor.get("/api/pipelines/" + id + "/versions").json().get("items").findValuesAsText("number");
            assertThat(numbers).doesNotHaveDuplicates().hasSize((int) answers.stream().filter(a -> a.status() == 201).count());
        } finally {
            pool.shutdownNow();
        }
    }
}
