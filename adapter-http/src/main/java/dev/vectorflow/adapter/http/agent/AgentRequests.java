package dev.vectorflow.adapter.http.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.ports.in.agent.ActionResult;
import dev.vectorflow.ports.in.agent.ComponentMetrics;
import dev.vectorflow.ports.in.agent.ConfigRequest;
import dev.vectorflow.ports.in.agent.EnrollRequest;
import dev.vectorflow.ports.in.agent.HeartbeatRequest;
import dev.vectorflow.ports.in.agent.HostMetrics;
import dev.vectorflow.ports.in.agent.PipelineLogs;
import dev.vectorflow.ports.in.agent.PipelineReport;
import dev.vectorflow.ports.in.agent.SampleResult;
import dev.vectorflow.ports.in.agent.SchemaField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads agent protocol v1 bodies leniently: unknown fields are ignored, and a value that is missing, of the wrong
 * type, negative or absurd is left out and named in {@code rejected}, without failing the rest of the request.
 */
final class AgentRequests {

    /** Beyond this a counter is not believed (about 10^15: a petabyte, or a million events a second for 30 years). */
    static final double MAX_COUNTER = 1e15;
    static final int MAX_PIPELINES = 500;
    static final int MAX_COMPONENTS = 2000;
    static final int MAX_LOG_BATCHES = 500;
    static final int MAX_SAMPLES = 200;
    static final int MAX_EVENTS_PER_SAMPLE = 100;

    private final ObjectMapper mapper;
    private final List<String> rejected = new ArrayList<>();

    AgentRequests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    List<String> rejected() {
        return rejected;
    }

    private static JsonNode requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiProblem.badRequest("The request body must be a JSON object.");
        }
        return body;
    }

    EnrollRequest enroll(JsonNode body) {
        requireObject(body);
        String token = text(body, "token");
        if (token == null) {
            token = text(body, "enrollmentToken");
        }
        return new EnrollRequest(token, text(body, "hostname"), text(body, "os"), text(body, "agentVersion"), text(body, "vectorVersion"),
                labels(body.get("labels"), "labels"));
    }

    ConfigRequest config(JsonNode body) {
        requireObject(body);
        JsonNode version = body.get("version");
        if (version != null && !version.isNull() && !(version.canConvertToInt() && version.isIntegralNumber() && version.asInt() >= 1)) {
            throw ApiProblem.badRequest("'version' must be a version number (1 or more).");
        }
        String pipelineId = text(body, "pipelineId");
        if (pipelineId == null) {
            throw ApiProblem.badRequest("'pipelineId' is required.");
        }
        return new ConfigRequest(pipelineId, version == null || version.isNull() ? null : version.asInt());
    }

    HeartbeatRequest heartbeat(JsonNode body) {
        requireObject(body);
        return new HeartbeatRequest(text(body, "agentVersion"), text(body, "vectorVersion"), text(body, "deploymentMode"),
                labels(body.get("labels"), "labels"), host(body.get("hostMetrics")), pipelines(body.get("pipelines")), logs(body.get("logs")),
                samples(body.get("sampleResults")), actionResults(body.get("actionResults")), text(body, "updateError"));
    }

    List<PipelineLogs> logs(JsonNode node) {
        List<PipelineLogs> logs = new ArrayList<>();
        for (JsonNode batch : array(node, "logs", MAX_LOG_BATCHES)) {
            List<String> lines = new ArrayList<>();
            for (JsonNode line : array(batch.get("lines"), "logs.lines", Integer.MAX_VALUE)) {
                if (line.isTextual()) {
                    lines.add(line.asText());
                }
            }
            String pipeline = text(batch, "pipelineId");
            if (pipeline != null) {
                logs.add(new PipelineLogs(pipeline, lines));
            }
        }
        return logs;
    }

    List<SampleResult> samples(JsonNode node) {
        List<SampleResult> results = new ArrayList<>();
        for (JsonNode r : array(node, "sampleResults", MAX_SAMPLES)) {
            List<Object> events = new ArrayList<>();
            for (JsonNode event : array(r.get("events"), "sampleResults.events", MAX_EVENTS_PER_SAMPLE)) {
                events.add(mapper.convertValue(event, Object.class));
            }
            List<SchemaField> schema = new ArrayList<>();
            for (JsonNode field : array(r.get("schema"), "sampleResults.schema", 2000)) {
                String path = text(field, "path");
                if (path != null) {
                    schema.add(new SchemaField(path, text(field, "type"), text(field, "sample")));
                }
            }
            results.add(new SampleResult(text(r, "requestId"), text(r, "componentKey"), events, schema, text(r, "error")));
        }
        return results;
    }

    private List<ActionResult> actionResults(JsonNode node) {
        List<ActionResult> results = new ArrayList<>();
        for (JsonNode r : array(node, "actionResults", 1000)) {
            results.add(new ActionResult(text(r, "actionId"), text(r, "status"), text(r, "message")));
        }
        return results;
    }

    private List<PipelineReport> pipelines(JsonNode node) {
        List<PipelineReport> reports = new ArrayList<>();
        int index = 0;
        for (JsonNode p : array(node, "pipelines", MAX_PIPELINES)) {
            String at = "pipelines[" + index++ + "].";
            List<ComponentMetrics> components = new ArrayList<>();
            int c = 0;
            for (JsonNode m : array(p.get("componentMetrics"), at + "componentMetrics", MAX_COMPONENTS)) {
                String cat = at + "componentMetrics[" + c++ + "].";
                components.add(new ComponentMetrics(text(m, "componentId"), text(m, "componentKind"), counter(m, "receivedEvents", cat),
                        counter(m, "sentEvents", cat), counter(m, "receivedBytes", cat), counter(m, "sentBytes", cat),
                        counter(m, "errorsTotal", cat), counter(m, "discardedEvents", cat)));
            }
            Long version = counter(p, "version", at);
            reports.add(new PipelineReport(text(p, "pipelineId"), version == null || version > Integer.MAX_VALUE ? null : version.intValue(),
                    text(p, "configChecksum"), text(p, "status"), counter(p, "pid", at), counter(p, "uptimeSeconds", at),
                    counter(p, "eventsIn", at), counter(p, "eventsOut", at), counter(p, "bytesIn", at), counter(p, "bytesOut", at),
                    counter(p, "errorsTotal", at), counter(p, "eventsDiscarded", at), components, text(p, "error")));
        }
        return reports;
    }

    private HostMetrics host(JsonNode h) {
        if (h == null || h.isNull()) {
            return null;
        }
        if (!h.isObject()) {
            rejected.add("hostMetrics: must be an object");
            return null;
        }
        String at = "hostMetrics.";
        return new HostMetrics(gauge(h, "cpuSecondsTotal", at), gauge(h, "cpuSecondsIdle", at), gauge(h, "loadAvg1", at),
                gauge(h, "loadAvg5", at), gauge(h, "loadAvg15", at), counter(h, "memoryTotalBytes", at), counter(h, "memoryUsedBytes", at),
                counter(h, "memoryFreeBytes", at), counter(h, "fsTotalBytes", at), counter(h, "fsUsedBytes", at), counter(h, "fsFreeBytes", at),
                counter(h, "diskReadBytes", at), counter(h, "diskWrittenBytes", at), counter(h, "netRxBytes", at), counter(h, "netTxBytes", at));
    }

    private Iterable<JsonNode> array(JsonNode node, String field, int max) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            rejected.add(field + ": must be an array");
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode item : node) {
            if (items.size() >= max) {
                rejected.add(field + ": more than " + max + " entries; the rest were ignored");
                break;
            }
            if (item.isObject() || item.isTextual() || field.endsWith("events")) {
                items.add(item);
            } else {
                rejected.add(field + ": entries must be objects");
            }
        }
        return items;
    }

    private Long counter(JsonNode node, String field, String at) {
        Double value = number(node, field, at);
        if (value == null) {
            return null;
        }
        if (value != Math.rint(value)) {
            rejected.add(at + field + ": must be a whole number");
            return null;
        }
        return value.longValue();
    }

    private Double gauge(JsonNode node, String field, String at) {
        return number(node, field, at);
    }

    private Double number(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            rejected.add(at + field + ": must be a number");
            return null;
        }
        double d = value.asDouble();
        if (!Double.isFinite(d) || d < 0) {
            rejected.add(at + field + ": must not be negative");
            return null;
        }
        if (d > MAX_COUNTER) {
            rejected.add(at + field + ": " + value.asText() + " is not believable");
            return null;
        }
        return d;
    }

    private String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            rejected.add(field + ": must be a string");
            return null;
        }
        return value.asText();
    }

    private Map<String, String> labels(JsonNode node, String field) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return labels;
        }
        if (!node.isObject()) {
            rejected.add(field + ": must be an object of strings");
            return labels;
        }
        node.properties().forEach(e -> {
            if (!e.getValue().isTextual() || !Labels.isValid(e.getKey(), e.getValue().asText())) {
                rejected.add(field + "." + e.getKey() + ": keys are 1-63 letters, digits, '_', '.', '-', '/'; values at most 253 printable"
                        + " characters without ',' or '='");
            } else if (labels.size() < 64) {
                labels.put(e.getKey(), e.getValue().asText());
            }
        });
        return labels;
    }
}
