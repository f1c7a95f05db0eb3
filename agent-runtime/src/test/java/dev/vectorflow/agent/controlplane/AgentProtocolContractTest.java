package dev.vectorflow.agent.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.ports.contract.AgentProtocolExamples;
import dev.vectorflow.ports.in.agent.ConfigRequest;
import dev.vectorflow.ports.in.agent.DesiredState;
import dev.vectorflow.ports.in.agent.EnrollRequest;
import dev.vectorflow.ports.in.agent.EnrollResponse;
import dev.vectorflow.ports.in.agent.HeartbeatRequest;
import dev.vectorflow.ports.in.agent.HeartbeatResponse;
import dev.vectorflow.ports.in.agent.PendingAction;
import dev.vectorflow.ports.in.agent.PipelineConfig;
import dev.vectorflow.ports.in.agent.SampleResults;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The agent side of the protocol contract: the shared example documents read with the agent's JSON mapping, and the
 * agent's own requests written with field names the examples (and so the server) use.
 */
class AgentProtocolContractTest {

    private final ObjectMapper json = HttpControlPlane.mapper();

    @Test
    void whatTheServerSends_isReadWithEveryField() throws Exception {
        EnrollResponse enrolled = json.readValue(AgentProtocolExamples.read("enroll-response"), EnrollResponse.class);
        assertThat(enrolled.nodeToken()).startsWith("vf_node_");
        assertThat(enrolled.pollIntervalMs()).isPositive();

        HeartbeatResponse beat = json.readValue(AgentProtocolExamples.read("heartbeat-response"), HeartbeatResponse.class);
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

        PipelineConfig config = json.readValue(AgentProtocolExamples.read("config-response"), PipelineConfig.class);
        assertThat(config.configYaml()).contains("SECRET[vectorflow.api_token]");
        assertThat(config.secrets()).containsKey("api_token");
        assertThat(config.certFiles()).singleElement().satisfies(c -> assertThat(c.filename()).isEqualTo("certs/edge.crt"));
        assertThat(config.logLevel()).isEqualTo("info");

        DesiredState desired = json.readValue(AgentProtocolExamples.read("desired-state"), DesiredState.class);
        assertThat(desired.pipelines()).isNotEmpty();
        assertThat(desired.pollIntervalMs()).isPositive();
    }

    @Test
    void whatTheAgentSends_usesTheExamplesFieldNames() throws Exception {
        for (var pair : new Object[][] {{"enroll-request", EnrollRequest.class}, {"heartbeat-request", HeartbeatRequest.class},
                {"config-request", ConfigRequest.class}, {"samples-request", SampleResults.class}}) {
            String name = (String) pair[0];
            JsonNode example = json.readTree(AgentProtocolExamples.read(name));
            Object read = json.readValue(AgentProtocolExamples.read(name), (Class<?>) pair[1]);
            JsonNode written = json.valueToTree(read);
            Set<String> exampleFields = fieldPaths(example, "");
            exampleFields.removeIf(f -> f.startsWith("fieldFromTheFuture"));
            Set<String> writtenFields = fieldPaths(written, "");
            assertThat(writtenFields).as(name + ": every field the agent writes is one the examples know").isSubsetOf(exampleFields);
            assertThat(exampleFields).as(name + ": every non-null example field survives the agent's mapping").isSubsetOf(writtenFields);
        }
    }

    @Test
    void theLegacyEnrollmentField_andUnknownFields_doNotBreakReading() throws Exception {
        assertThat(json.readValue(AgentProtocolExamples.read("heartbeat-request"), HeartbeatRequest.class).pipelines()).hasSize(1);
        assertThat(json.readValue(AgentProtocolExamples.read("heartbeat-request-minimal"), HeartbeatRequest.class).pipelines()).isEmpty();
        assertThat(json.readTree(AgentProtocolExamples.read("error-response")).path("error").asText()).isNotBlank();
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
