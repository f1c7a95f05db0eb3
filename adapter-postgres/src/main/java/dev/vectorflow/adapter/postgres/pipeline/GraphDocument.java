package dev.vectorflow.adapter.postgres.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.Edge;
import dev.vectorflow.core.pipeline.GraphTree;
import dev.vectorflow.core.pipeline.PipelineComponent;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.ports.out.persistence.PersistenceFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How a pipeline graph is stored: the JSON text of its {@link GraphTree}, read back without the API's checks (pipelines and previews store it so). */
public final class GraphDocument {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GraphDocument() {
    }

    public static String write(PipelineGraph graph) {
        try {
            return MAPPER.writeValueAsString(GraphTree.of(graph));
        } catch (JsonProcessingException e) {
            throw new PersistenceFailure("cannot store the pipeline graph: " + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    public static PipelineGraph read(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            List<PipelineComponent> components = new ArrayList<>();
            for (JsonNode c : root.path("components")) {
                JsonNode position = c.get("position");
                components.add(new PipelineComponent(new ComponentKey(c.get("key").asText()), ComponentKind.fromLabel(c.get("kind").asText()),
                        c.get("type").asText(), MAPPER.convertValue(c.get("options"), LinkedHashMap.class), c.path("displayName").asText(""),
                        position == null ? Optional.empty() : Optional.of(new PipelineComponent.Position(position.get("x").asDouble(),
                                position.get("y").asDouble())), c.path("disabled").asBoolean(false)));
            }
            List<Edge> edges = new ArrayList<>();
            for (JsonNode e : root.path("edges")) {
                edges.add(new Edge(new ComponentKey(e.get("from").asText()), Optional.ofNullable(e.get("output")).map(JsonNode::asText),
                        new ComponentKey(e.get("to").asText())));
            }
            Map<String, Object> globals = root.has("globalOptions") ? MAPPER.convertValue(root.get("globalOptions"), LinkedHashMap.class) : Map.of();
            return new PipelineGraph(components, edges, globals);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new PersistenceFailure("a stored pipeline graph cannot be read: " + e.getMessage(), e);
        }
    }
}
