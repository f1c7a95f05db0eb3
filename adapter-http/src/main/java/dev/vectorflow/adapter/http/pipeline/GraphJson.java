package dev.vectorflow.adapter.http.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.error.FieldProblem;
import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.Edge;
import dev.vectorflow.core.pipeline.GraphTree;
import dev.vectorflow.core.pipeline.PipelineComponent;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.core.validation.InvalidValueException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wire form of a pipeline graph, both ways: written as {@link GraphTree} shapes it, read with every malformed part
 * reported at once.
 */
public final class GraphJson {

    private final ObjectMapper mapper;

    public GraphJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode write(PipelineGraph graph) {
        return mapper.valueToTree(GraphTree.of(graph));
    }

    /** Reads a graph; every malformed part becomes a field problem of one 400 answer. */
    @SuppressWarnings("unchecked")
    public PipelineGraph read(JsonNode root, String field) {
        List<FieldProblem> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw ApiProblem.invalid(List.of(new FieldProblem(field, "must be an object with components and edges")));
        }
        JsonNode componentsNode = root.path("components");
        if (!componentsNode.isArray()) {
            problems.add(new FieldProblem(field + ".components", "must be a list"));
        } else if (componentsNode.size() > PipelineGraph.MAX_COMPONENTS) {
            throw ApiProblem.invalid(List.of(new FieldProblem(field + ".components", "a pipeline holds at most " + PipelineGraph.MAX_COMPONENTS
                    + " components but this one has " + componentsNode.size())));
        }
        List<PipelineComponent> components = new ArrayList<>();
        int i = 0;
        for (JsonNode c : componentsNode) {
            String at = field + ".components[" + i++ + "]";
            try {
                ComponentKey key = new ComponentKey(text(c, "key", at));
                ComponentKind kind = kind(text(c, "kind", at), at);
                String type = text(c, "type", at);
                JsonNode options = c.path("options");
                if (!options.isMissingNode() && !options.isNull() && !options.isObject()) {
                    throw new InvalidValueException(at + ".options", "must be an object");
                }
                Map<String, Object> optionMap = options.isObject() ? mapper.convertValue(options, LinkedHashMap.class) : Map.of();
                JsonNode position = c.get("position");
                Optional<PipelineComponent.Position> pos = position == null || position.isNull() ? Optional.empty()
                        : Optional.of(new PipelineComponent.Position(number(position, "x", at + ".position"), number(position, "y", at + ".position")));
                JsonNode disabled = c.path("disabled");
                if (!disabled.isMissingNode() && !disabled.isBoolean()) {
                    throw new InvalidValueException(at + ".disabled", "must be true or false");
                }
                components.add(new PipelineComponent(key, kind, type, optionMap, c.path("displayName").asText(""), pos, disabled.asBoolean(false)));
            } catch (InvalidValueException e) {
                problems.add(new FieldProblem(e.field().startsWith(field) ? e.field() : at + "." + e.field(), e.problem()));
            }
        }
        List<Edge> edges = new ArrayList<>();
        JsonNode edgesNode = root.path("edges");
        if (!edgesNode.isMissingNode() && !edgesNode.isArray()) {
            problems.add(new FieldProblem(field + ".edges", "must be a list"));
        }
        int j = 0;
        for (JsonNode e : edgesNode) {
            String at = field + ".edges[" + j++ + "]";
            try {
                JsonNode output = e.get("output");
                edges.add(new Edge(new ComponentKey(text(e, "from", at)), output == null || output.isNull() ? Optional.empty()
                        : Optional.of(output.asText()), new ComponentKey(text(e, "to", at))));
            } catch (InvalidValueException ex) {
                problems.add(new FieldProblem(ex.field().startsWith(field) ? ex.field() : at + "." + ex.field(), ex.problem()));
            }
        }
        JsonNode globals = root.path("globalOptions");
        if (!globals.isMissingNode() && !globals.isNull() && !globals.isObject()) {
            problems.add(new FieldProblem(field + ".globalOptions", "must be an object"));
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        return new PipelineGraph(components, edges, globals.isObject() ? mapper.convertValue(globals, LinkedHashMap.class) : Map.of());
    }

    private static String text(JsonNode node, String name, String at) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidValueException(at + "." + name, "is required and must be a string");
        }
        return value.asText();
    }

    private static double number(JsonNode node, String name, String at) {
        JsonNode value = node.get(name);
        if (value == null || !value.isNumber()) {
            throw new InvalidValueException(at + "." + name, "must be a number");
        }
        return value.asDouble();
    }

    private static ComponentKind kind(String label, String at) {
        try {
            return ComponentKind.fromLabel(label);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(at + ".kind", "must be source, transform or sink but was '" + label + "'");
        }
    }
}
