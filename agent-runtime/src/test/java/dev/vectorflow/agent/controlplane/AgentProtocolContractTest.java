package dev.vectorflow.agent.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.ports.contract.AgentProtocolExamples;
import dev.vectorflow.ports.protocol.ConfigRequest;
import dev.vectorflow.ports.protocol.DesiredState;
import dev.vectorflow.ports.protocol.EnrollRequest;
import dev.vectorflow.ports.protocol.EnrollResponse;
import dev.vectorflow.ports.protocol.HeartbeatRequest;
import dev.vectorflow.ports.protocol.HeartbeatResponse;
import dev.vectorflow.ports.protocol.PendingAction;
import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.protocol.PreviewJob;
import dev.vectorflow.ports.protocol.PreviewRequest;
import dev.vectorflow.ports.protocol.PreviewResult;
import java.util.HashSet;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The agent side of the protocol contract: the shared example documents read with the agent's codec
 * ({@link ProtocolJson}), field for field as a general JSON mapper reads them, and the agent's own requests written
 * with the field names the examples (and so the server) use.
 */
class AgentProtocolContractTest {

    /** The reference: a general mapper over the same records, configured as protocol v1 says (unknown fields ignored, nulls not sent). */
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private static byte[] example(String name) {
        return AgentProtocolExamples.read(name).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void whatTheServerSends_isReadWithEveryField() throws Exception {
        EnrollResponse enrolled = ProtocolJson.enrollResponse(example("enroll-response"));
        assertThat(enrolled.nodeToken()).startsWith("vf_node_");
        assertThat(enrolled.pollIntervalMs()).isPositive();
        assertThat(enrolled).isEqualTo(json.readValue(example("enroll-response"), EnrollResponse.class));

        HeartbeatResponse beat = ProtocolJson.heartbeatResponse(example("heartbeat-response"));
        assertThat(beat.ok()).isTrue();
        assertThat(beat.pendingActions()).extracting(PendingAction::type)
                .containsExactly(PendingAction.DEPLOY, PendingAction.UNDEPLOY, PendingAction.RESTART, PendingAction.UPDATE, PendingAction.SAMPLE);
        PendingAction deploy = beat.pendingActions().getFirst();
        assertThat(deploy.pipelineId()).isNotBlank();
        assertThat(deploy.version()).isEqualTo(4);
        assertThat(deploy.checksum()).hasSize(64);
        PendingAction update = beat.pendingActions().get(3);
        assertThat(update.downloadUrl()).startsWith("https://");
        assertThat(update.checksum()).startsWith("sha256:");
        assertThat(update.signature()).isNotBlank();
        PendingAction sample = beat.pendingActions().get(4);
        assertThat(sample.componentKeys()).containsExactly("parse", "out");
        assertThat(sample.limit()).isEqualTo(5);
        assertThat(sample.requestId()).isNotBlank();
        assertThat(beat).isEqualTo(json.readValue(example("heartbeat-response"), HeartbeatResponse.class));

        PipelineConfig config = ProtocolJson.pipelineConfig(example("config-response"));
        assertThat(config.configYaml()).contains("SECRET[vectorflow.api_token]");
        assertThat(config.secrets()).containsKey("api_token");
        assertThat(config.certFiles()).singleElement().satisfies(c -> assertThat(c.filename()).isEqualTo("certs/edge.crt"));
        assertThat(config.logLevel()).isEqualTo("info");
        assertThat(config).isEqualTo(json.readValue(example("config-response"), PipelineConfig.class));

        PreviewJob job = ProtocolJson.previewJob(example("preview-job"));
        assertThat(job.draft().version()).isZero();
        assertThat(job.eventsNdjson()).contains("\"vf_preview_seq\":1");
        assertThat(job).isEqualTo(json.readValue(example("preview-job"), PreviewJob.class));

        DesiredState desired = ProtocolJson.desiredState(example("desired-state"));
        assertThat(desired.pipelines()).isNotEmpty();
        assertThat(desired.pollIntervalMs()).isPositive();
        assertThat(desired).isEqualTo(json.readValue(example("desired-state"), DesiredState.class));
    }

    @Test
    void whatTheAgentSends_usesTheExamplesFieldNames_andTheSameDocumentAsAGeneralMapper() throws Exception {
        EnrollRequest enroll = json.readValue(example("enroll-request"), EnrollRequest.class);
        HeartbeatRequest heartbeat = json.readValue(example("heartbeat-request"), HeartbeatRequest.class);
        ConfigRequest config = json.readValue(example("config-request"), ConfigRequest.class);
        PreviewRequest previewRequest = json.readValue(example("preview-request"), PreviewRequest.class);
        PreviewResult previewResult = json.readValue(example("preview-result"), PreviewResult.class);
        Map<String, byte[]> written = Map.of("enroll-request", ProtocolJson.enroll(enroll), "heartbeat-request", ProtocolJson.heartbeat(heartbeat),
                "config-request", ProtocolJson.config(config), "preview-request", ProtocolJson.previewRequest(previewRequest),
                "preview-result", ProtocolJson.previewResult(previewResult));
        Map<String, Object> records = Map.of("enroll-request", enroll, "heartbeat-request", heartbeat, "config-request", config,
                "preview-request", previewRequest, "preview-result", previewResult);
        for (String name : written.keySet()) {
            JsonNode example = json.readTree(example(name));
            JsonNode ours = json.readTree(written.get(name));
            Set<String> exampleFields = fieldPaths(example, "");
            exampleFields.removeIf(f -> f.startsWith("fieldFromTheFuture"));
            Set<String> writtenFields = fieldPaths(ours, "");
            assertThat(writtenFields).as(name + ": every field the agent writes is one the examples know").isSubsetOf(exampleFields);
            assertThat(exampleFields).as(name + ": every non-null example field survives the agent's writing").isSubsetOf(writtenFields);
            assertThat(ours).as(name + ": the same document").isEqualTo(json.readTree(json.writeValueAsBytes(records.get(name))));
        }
    }

    @Test
    void unknownFields_nullLists_andErrorBodies_doNotBreakReading() throws Exception {
        String future = AgentProtocolExamples.read("heartbeat-response")
                .replaceFirst("\\{", "{\"fieldFromTheFuture\": {\"nested\": [1, {\"a\": null}]}, ");
        assertThat(ProtocolJson.heartbeatResponse(future.getBytes(StandardCharsets.UTF_8)).pendingActions()).hasSize(5);
        assertThat(ProtocolJson.heartbeatResponse("{\"ok\": true, \"pendingActions\": null}".getBytes(StandardCharsets.UTF_8))
                .pendingActions()).isEmpty();
        assertThat(ProtocolJson.errorMessage(example("error-response"))).contains("node token revoked");
        assertThat(ProtocolJson.errorMessage("<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThatThrownBy(() -> ProtocolJson.heartbeatResponse("{\"pendingActions\": [{\"type\": \"deploy\"}]}".getBytes(StandardCharsets.UTF_8)))
                .as("an action without its id").isInstanceOf(ProtocolJson.Unreadable.class);
    }

    /** Paths of every non-null field ({@code a.b}, arrays as {@code a[]}). */
    private static Set<String> fieldPaths(JsonNode node, String prefix) {
        Set<String> out = new HashSet<>();
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                JsonNode child = node.get(n);
                if (child.isNull()) {
                    continue;
                }
                String path = prefix.isEmpty() ? n : prefix + "." + n;
                out.add(path);
                if (!path.contains("events")) {
                    out.addAll(fieldPaths(child, path));
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> out.addAll(fieldPaths(element, prefix + "[]")));
        }
        return out;
    }
}
