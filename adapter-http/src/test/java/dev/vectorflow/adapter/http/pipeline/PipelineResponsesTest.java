package dev.vectorflow.adapter.http.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.adapter.http.HttpApi;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.DiffResponse;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.PipelineResponse;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.ProblemResponse;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.ProblemsResponse;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.PublishedResponse;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.SavedDraftResponse;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.VersionResponse;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineComponent;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineName;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.core.pipeline.diff.GraphDiff;
import dev.vectorflow.ports.in.pipeline.PipelineQueries.VersionDiff;
import dev.vectorflow.ports.in.pipeline.PublishPipelineUseCase.Published;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pipeline API's JSON shapes as clients read them: absent parts left out, empty values written as null where they always were. */
class PipelineResponsesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private final ObjectMapper mapper = HttpApi.objectMapper();
    private final PipelineId id = new PipelineId(UUID.fromString("00000000-0000-0000-0000-000000000001"));

    private String json(Object value) throws Exception {
        return mapper.writeValueAsString(value);
    }

    private PipelineVersion version() {
        return new PipelineVersion(id, 3, PipelineGraph.of(List.of(), List.of()), "sources: {}\n", "abc", "ann", "why", T0, Optional.empty());
    }

    @Test
    void aProblemOfTheWholePipeline_namesNoComponent_asNull() throws Exception {
        assertThat(json(ProblemResponse.fromDomain(Problem.error(null, "", "broken"))))
                .isEqualTo("{\"severity\":\"ERROR\",\"component\":null,\"path\":\"\",\"message\":\"broken\"}");
        assertThat(json(ProblemsResponse.fromDomain(List.of(Problem.warning(new ComponentKey("in"), "format", "odd")))))
                .isEqualTo("{\"valid\":true,\"problems\":[{\"severity\":\"WARNING\",\"component\":\"in\",\"path\":\"format\",\"message\":\"odd\"}]}");
    }

    @Test
    void aVersionInAList_hasNoYamlOrGraph_andSaysNullWhenItRestoredNothing() throws Exception {
        assertThat(json(VersionResponse.summary(version()))).isEqualTo("{\"number\":3,\"checksum\":\"abc\",\"author\":\"ann\",\"message\":\"why\","
                + "\"createdAt\":\"2026-12-01T10:00:00Z\",\"restoredFrom\":null}");
        assertThat(json(new PublishedResponse(VersionResponse.summary(version()), true, List.of()))).isEqualTo(
                "{\"number\":3,\"checksum\":\"abc\",\"author\":\"ann\",\"message\":\"why\",\"createdAt\":\"2026-12-01T10:00:00Z\","
                        + "\"restoredFrom\":null,\"checkedByVector\":true,\"warnings\":[]}");
        assertThat(json(PublishedResponse.fromDomain(new Published(version(), List.of(), false)))).contains("\"checkedByVector\":false");
    }

    @Test
    void aSavedDraft_isThePipelineWithItsVerdictBeside_andAListedPipelineHasNoGraph() throws Exception {
        Pipeline pipeline = new Pipeline(id, new EnvironmentId(UUID.fromString("00000000-0000-0000-0000-000000000002")), new PipelineName("logs"),
                "", PipelineGraph.of(List.of(), List.of()), "ann", T0, "bob", T0);

        String listed = json(PipelineResponse.fromDomain(pipeline, null));
        String saved = json(new SavedDraftResponse(PipelineResponse.fromDomain(pipeline, p -> mapper.createObjectNode()),
                ProblemsResponse.fromDomain(List.of())));

        assertThat(listed).isEqualTo("{\"id\":\"00000000-0000-0000-0000-000000000001\",\"environmentId\":\"00000000-0000-0000-0000-000000000002\","
                + "\"name\":\"logs\",\"description\":\"\",\"components\":0,\"createdBy\":\"ann\",\"createdAt\":\"2026-12-01T10:00:00Z\","
                + "\"updatedBy\":\"bob\",\"updatedAt\":\"2026-12-01T10:00:00Z\"}");
        assertThat(saved).startsWith("{\"id\":").contains("\"components\":0,\"graph\":{},\"createdBy\"").endsWith(",\"valid\":true,\"problems\":[]}");
    }

    @Test
    void aDiff_namesOnlyWhatChanged_withOldAndNewEvenWhenOneIsAbsent() throws Exception {
        PipelineGraph before = PipelineGraph.of(List.of(PipelineComponent.of("in", ComponentKind.SOURCE, "file", Map.of("include", "a.log"))),
                List.of());
        PipelineGraph after = PipelineGraph.of(List.of(PipelineComponent.of("in", ComponentKind.SOURCE, "demo_logs", Map.of())), List.of());

        String diff = json(DiffResponse.fromDomain(new VersionDiff(1, 2, GraphDiff.between(before, after), "")));

        assertThat(diff).isEqualTo("{\"from\":1,\"to\":2,\"components\":{\"added\":[],\"removed\":[],\"changed\":[{\"key\":\"in\","
                + "\"type\":{\"old\":\"file\",\"new\":\"demo_logs\"},\"options\":[{\"path\":\"include\",\"old\":\"a.log\",\"new\":null}]}],"
                + "\"edgesAdded\":[],\"edgesRemoved\":[],\"globalOptions\":[],\"empty\":false},\"yamlDiff\":\"\"}");
    }
}
