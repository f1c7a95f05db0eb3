package dev.vectorflow.adapter.postgres.promotion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.adapter.postgres.fleet.FleetRows;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.promotion.ApprovalAction;
import dev.vectorflow.core.promotion.ValueMapping;
import dev.vectorflow.core.rollout.Gates;
import dev.vectorflow.core.rollout.RolloutPlan;
import dev.vectorflow.core.rollout.Wave;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The held action of an approval request as a JSON object, one field per field of the action; a field added later is
 * simply absent from older rows (read it as optional).
 */
final class ApprovalActionJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApprovalActionJson() {
    }

    static String kind(ApprovalAction action) {
        return switch (action) {
            case ApprovalAction.Deploy d -> "deploy";
            case ApprovalAction.Promote p -> "promote";
        };
    }

    static String write(ApprovalAction action) {
        ObjectNode json = MAPPER.createObjectNode();
        switch (action) {
            case ApprovalAction.Deploy d -> {
                json.put("pipeline", d.pipeline().toString());
                json.put("version", d.version());
                json.put("selector", FleetRows.labels(d.selector().required()));
                d.deployedVersion().ifPresent(v -> json.put("deployedVersion", v));
                d.rollout().ifPresent(plan -> json.set("rollout", writePlan(plan)));
            }
            case ApprovalAction.Promote p -> {
                json.put("source", p.source().toString());
                json.put("version", p.version());
                json.put("target", p.target().toString());
                ArrayNode values = json.putArray("values");
                for (ValueMapping m : p.values()) {
                    ObjectNode value = values.addObject().put("component", m.component().value()).put("option", m.option());
                    value.set("value", MAPPER.valueToTree(m.value()));
                }
                p.deploy().ifPresent(s -> json.put("deploy", FleetRows.labels(s.required())));
                p.targetPipeline().ifPresent(t -> json.put("targetPipeline", t.toString()));
                p.targetVersion().ifPresent(v -> json.put("targetVersion", v));
                json.put("note", p.note());
            }
        }
        return json.toString();
    }

    static ApprovalAction read(String kind, String text) {
        JsonNode json;
        try {
            json = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("approval request action is not JSON", e);
        }
        return switch (kind) {
            case "deploy" -> new ApprovalAction.Deploy(new PipelineId(UUID.fromString(json.get("pipeline").asText())), json.get("version").asInt(),
                    new NodeSelector(FleetRows.labels(json.get("selector").asText())), optionalInt(json, "deployedVersion"),
                    json.hasNonNull("rollout") ? Optional.of(readPlan(json.get("rollout"))) : Optional.empty());
            case "promote" -> {
                List<ValueMapping> values = new ArrayList<>();
                for (JsonNode v : json.path("values")) {
                    JsonNode value = v.get("value");
                    Object plain = value.isBoolean() ? value.booleanValue() : value.isIntegralNumber() ? value.longValue()
                            : value.isNumber() ? value.doubleValue() : value.asText();
                    values.add(new ValueMapping(new ComponentKey(v.get("component").asText()), v.get("option").asText(), plain));
                }
                yield new ApprovalAction.Promote(new PipelineId(UUID.fromString(json.get("source").asText())), json.get("version").asInt(),
                        new EnvironmentId(UUID.fromString(json.get("target").asText())), values,
                        json.hasNonNull("deploy") ? Optional.of(new NodeSelector(FleetRows.labels(json.get("deploy").asText()))) : Optional.empty(),
                        json.hasNonNull("targetPipeline") ? Optional.of(new PipelineId(UUID.fromString(json.get("targetPipeline").asText())))
                                : Optional.empty(),
                        optionalInt(json, "targetVersion"), json.path("note").asText(""));
            }
            default -> throw new IllegalStateException("unknown approval request kind '" + kind + "'");
        };
    }

    private static ObjectNode writePlan(RolloutPlan plan) {
        ObjectNode json = MAPPER.createObjectNode();
        ArrayNode waves = json.putArray("waves");
        for (Wave wave : plan.waves()) {
            waves.addObject().put("size", wave.size().text()).put("soakSeconds", wave.soakSeconds());
        }
        plan.gates().errorRateMarginPercent().ifPresent(v -> json.put("errorRateMarginPercent", v));
        plan.gates().discardedMarginPercent().ifPresent(v -> json.put("discardedMarginPercent", v));
        plan.gates().minEventsOutFraction().ifPresent(v -> json.put("minEventsOutFraction", v));
        json.put("rollbackOnFailure", plan.rollbackOnFailure());
        json.put("convergeTimeoutSeconds", plan.convergeTimeoutSeconds());
        return json;
    }

    private static RolloutPlan readPlan(JsonNode json) {
        List<Wave> waves = new ArrayList<>();
        for (JsonNode wave : json.path("waves")) {
            waves.add(new Wave(Wave.sizeOf(wave.get("size").asText()), wave.get("soakSeconds").asInt()));
        }
        Gates gates = new Gates(optionalDouble(json, "errorRateMarginPercent"), optionalDouble(json, "discardedMarginPercent"),
                optionalDouble(json, "minEventsOutFraction"));
        return new RolloutPlan(waves, gates, json.path("rollbackOnFailure").asBoolean(false),
                json.path("convergeTimeoutSeconds").asInt(RolloutPlan.DEFAULT_CONVERGE_TIMEOUT_SECONDS));
    }

    private static Optional<Double> optionalDouble(JsonNode json, String field) {
        return json.hasNonNull(field) ? Optional.of(json.get(field).asDouble()) : Optional.empty();
    }

    private static Optional<Integer> optionalInt(JsonNode json, String field) {
        return json.hasNonNull(field) ? Optional.of(json.get(field).asInt()) : Optional.empty();
    }
}
