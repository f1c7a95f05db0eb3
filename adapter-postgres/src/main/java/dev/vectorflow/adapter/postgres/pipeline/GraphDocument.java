package dev.vectorflow.adapter.postgres.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.Edge;
import dev.vectorflow.core.pipeline.PipelineComponent;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.ports.out.persistence.PersistenceFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How a pipeline graph is stored: one JSON document (the only place that knows this shape). */
final class GraphDocument {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GraphDocument() {
    }

    static String write(PipelineGraph graph) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode components = root.putArray("components");
        for (PipelineComponent c : graph.components()) {
            ObjectNode node = components.addObject();
            node.put("key", c.key().value());
            node.put("kind", c.kind().label());
            node.put("type", c.type());
            node.set("options", MAPPER.valueToTree(c.options()));
            node.put("displayName", c.displayName());
            c.position().ifPresent(p -> node.putObject("position").put("x", p.x()).put("y", p.y()));
            node.put("disabled", c.disabled());
        }
        ArrayNode edges = root.putArray("edges");
        for (Edge e : graph.edges()) {
            ObjectNode node = edges.addObject();
            node.put("from", e.from().value());
            e.output().ifPresent(o -> node.put("output", o));
            node.put("to", e.to().value());
        }
        root.set("globalOptions", MAPPER.valueToTree(graph.globalOptions()));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new PersistenceFailure("cannot store the pipeline graph: " + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static PipelineGraph read(String json) {
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
