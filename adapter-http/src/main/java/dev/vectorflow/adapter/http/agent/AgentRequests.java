package dev.vectorflow.adapter.http.agent;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.ports.in.preview.RunPreviewUseCase;
import dev.vectorflow.ports.protocol.ActionResult;
import dev.vectorflow.ports.protocol.ComponentMetrics;
import dev.vectorflow.ports.protocol.ConfigRequest;
import dev.vectorflow.ports.protocol.EnrollRequest;
import dev.vectorflow.ports.protocol.HeartbeatRequest;
import dev.vectorflow.ports.protocol.HostMetrics;
import dev.vectorflow.ports.protocol.PipelineLogs;
import dev.vectorflow.ports.protocol.PipelineReport;
import dev.vectorflow.ports.protocol.SampleResult;
import dev.vectorflow.ports.protocol.SchemaField;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads agent protocol v1 bodies leniently: unknown fields are ignored, and a value that is missing, of the wrong
 * type, negative or absurd is left out and named in {@code rejected}, without failing the rest of the request.
 */
public final class AgentRequests {

    /** Beyond this a counter is not believed (about 10^15: a petabyte, or a million events a second for 30 years). */
    static final double MAX_COUNTER = 1e15;
    static final int MAX_PIPELINES = 500;
    static final int MAX_COMPONENTS = 2000;
    static final int MAX_LOG_BATCHES = 500;
    static final int MAX_SAMPLES = 200;
    static final int MAX_EVENTS_PER_SAMPLE = 100;
    static final int MAX_LINES_PER_BATCH = 5000;
    /** Most problems named in one answer: a body of a million bad entries gets a short answer, not a long one. */
    static final int MAX_REJECTED = 50;
    /** Longest text kept from any field (log lines, errors, messages); longer ones are cut with a marker. */
    static final int MAX_TEXT_CHARS = 8192;

    private final ObjectMapper mapper;
    private final List<String> rejected = new ArrayList<>();
    private int moreRejected;

    public AgentRequests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** What was left out and why: at most {@link #MAX_REJECTED} entries, then one that says how many more there were. */
    public List<String> rejected() {
        if (moreRejected == 0) {
            return rejected;
        }
        List<String> capped = new ArrayList<>(rejected);
        capped.add("(" + moreRejected + " more problems not listed)");
        return capped;
    }

    private void reject(String problem) {
        if (rejected.size() < MAX_REJECTED) {
            rejected.add(problem);
        } else {
            moreRejected++;
        }
    }

    /**
     * Text from an agent as it may be stored and shown: NUL removed (PostgreSQL refuses it in text), other control
     * characters but tab and line breaks turned into spaces, at most {@link #MAX_TEXT_CHARS} characters.
     */
    static String clean(String text) {
        String kept = text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) + " …[cut]" : text;
        StringBuilder out = null;
        for (int i = 0; i < kept.length(); i++) {
            char c = kept.charAt(i);
            boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f;
            if (control && out == null) {
                out = new StringBuilder(kept.length()).append(kept, 0, i);
            }
            if (out != null && c != 0) {
                out.append(control ? ' ' : c);
            }
        }
        return out == null ? kept : out.toString();
    }

    private static JsonNode requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiProblem.badRequest("The request body must be a JSON object.");
        }
        return body;
    }

    public EnrollRequest enroll(JsonNode body) {
        requireObject(body);
        String token = text(body, "token");
        if (token == null) {
            token = text(body, "enrollmentToken");
        }
        return new EnrollRequest(token, text(body, "hostname"), text(body, "os"), text(body, "agentVersion"), text(body, "vectorVersion"),
                labels(body.get("labels"), "labels"));
    }

    public ConfigRequest config(JsonNode body) {
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

    /**
     * A heartbeat read as a token stream: its metrics (thousands a second on a busy server) go straight into the
     * request records without a tree of every object first. The rarer parts (labels, logs, samples, action results) are
     * read as small trees by the same methods the other agent calls use.
     */
    public HeartbeatRequest heartbeat(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw ApiProblem.badRequest("The request body must be a JSON object.");
        }
        String agentVersion = null;
        String vectorVersion = null;
        String deploymentMode = null;
        String updateError = null;
        Map<String, String> labels = new LinkedHashMap<>();
        HostMetrics host = null;
        List<PipelineReport> pipelines = List.of();
        List<PipelineLogs> logs = List.of();
        List<SampleResult> samples = List.of();
        List<ActionResult> actions = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "agentVersion" -> agentVersion = text(p, field);
                case "vectorVersion" -> vectorVersion = text(p, field);
                case "deploymentMode" -> deploymentMode = text(p, field);
                case "updateError" -> updateError = text(p, field);
                case "labels" -> labels = labels(p.readValueAsTree(), "labels");
                case "hostMetrics" -> host = host(p);
                case "pipelines" -> pipelines = pipelines(p);
                case "logs" -> logs = logs(p.readValueAsTree());
                case "sampleResults" -> samples = samples(p.readValueAsTree());
                case "actionResults" -> actions = actionResults(p.readValueAsTree());
                default -> p.skipChildren();
            }
        }
        return new HeartbeatRequest(agentVersion, vectorVersion, deploymentMode, labels, host, pipelines, logs, samples, actions, updateError);
    }

    public List<PipelineLogs> logs(JsonNode node) {
        List<PipelineLogs> logs = new ArrayList<>();
        for (JsonNode batch : array(node, "logs", MAX_LOG_BATCHES)) {
            List<String> lines = new ArrayList<>();
            for (JsonNode line : array(batch.get("lines"), "logs.lines", MAX_LINES_PER_BATCH)) {
                if (line.isTextual()) {
                    lines.add(clean(line.asText()));
                }
            }
            String pipeline = text(batch, "pipelineId");
            if (pipeline != null) {
                logs.add(new PipelineLogs(pipeline, lines));
            }
        }
        return logs;
    }

    /** Events read back per sink and preview run, sinks per run (the agent's caps; more is cut and said so). */
    public static final int MAX_PREVIEW_EVENTS = 100;
    public static final int MAX_PREVIEW_SINKS = 100;

    /** What the agent asks for with {@code POST /api/agent/preview}: the request id. */
    public String previewRequestId(JsonNode body) {
        requireObject(body);
        String requestId = text(body, "requestId");
        if (requestId == null || requestId.isBlank() || requestId.length() > 100) {
            throw ApiProblem.badRequest("'requestId' is required (at most 100 characters).");
        }
        return requestId;
    }

    /**
     * A preview's outputs ({@code POST /api/agent/preview-result}): each sink's NDJSON read line by line into JSON values,
     * texts cleaned as everywhere; at most {@value #MAX_PREVIEW_SINKS} sinks and {@value #MAX_PREVIEW_EVENTS} events a sink
     * (more are cut, and the sink is named as cut); a line that is not JSON becomes {@code {"message": line}}.
     */
    public RunPreviewUseCase.PreviewOutputs previewOutputs(JsonNode body) {
        String requestId = previewRequestId(body);
        return new RunPreviewUseCase.PreviewOutputs(requestId, previewRun(body.get("baseline")), previewRun(body.get("draft")));
    }

    private RunPreviewUseCase.RunOutput previewRun(JsonNode run) {
        if (run == null || !run.isObject()) {
            return null;
        }
        Map<String, List<Object>> sinks = new LinkedHashMap<>();
        List<String> cut = new ArrayList<>();
        for (JsonNode sink : array(run.get("sinks"), "sinks", MAX_PREVIEW_SINKS)) {
            String id = sink.isObject() ? clean(sink.path("sinkId").asText("")).strip() : "";
            if (id.isEmpty() || id.length() > 100) {
                continue;
            }
            List<Object> events = new ArrayList<>();
            for (String line : sink.path("events").asText("").split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                if (events.size() >= MAX_PREVIEW_EVENTS) {
                    cut.add(id);
                    break;
                }
                events.add(previewEvent(line));
            }
            if (sink.path("cut").asBoolean(false) && !cut.contains(id)) {
                cut.add(id);
            }
            sinks.put(id, events);
        }
        String error = run.hasNonNull("error") ? clean(run.get("error").asText()) : null;
        String log = run.hasNonNull("log") ? clean(run.get("log").asText()) : "";
        return new RunPreviewUseCase.RunOutput(error, sinks, cut, log);
    }

    private Object previewEvent(String line) {
        try {
            return mapper.convertValue(cleaned(mapper.readTree(line)), Object.class);
        } catch (IOException | RuntimeException notJson) {
            return Map.of("message", clean(line));
        }
    }

    public List<SampleResult> samples(JsonNode node) {
        List<SampleResult> results = new ArrayList<>();
        for (JsonNode r : array(node, "sampleResults", MAX_SAMPLES)) {
            List<Object> events = new ArrayList<>();
            for (JsonNode event : array(r.get("events"), "sampleResults.events", MAX_EVENTS_PER_SAMPLE)) {
                events.add(mapper.convertValue(cleaned(event), Object.class));
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

    /** Calls {@code item} for each object of the array at the parser (at most {@code max}); anything else is named in rejected. */
    private void objects(JsonParser p, String field, int max, ItemReader item) throws IOException {
        JsonToken start = p.currentToken();
        if (start == JsonToken.VALUE_NULL) {
            return;
        }
        if (start != JsonToken.START_ARRAY) {
            reject(field + ": must be an array");
            p.skipChildren();
            return;
        }
        int index = 0;
        int seen = 0;
        boolean wrongType = false;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            // every entry counts towards the cap, whatever its type: [1,1,1,...] is as long as a list of objects
            if (seen++ >= max) {
                if (seen == max + 1) {
                    reject(field + ": more than " + max + " entries; the rest were ignored");
                }
                p.skipChildren();
            } else if (t != JsonToken.START_OBJECT) {
                if (!wrongType) {
                    reject(field + ": entries must be objects");
                    wrongType = true;
                }
                p.skipChildren();
            } else {
                item.read(index++);
            }
        }
    }

    @FunctionalInterface
    private interface ItemReader {
        void read(int index) throws IOException;
    }

    private List<PipelineReport> pipelines(JsonParser p) throws IOException {
        List<PipelineReport> reports = new ArrayList<>();
        objects(p, "pipelines", MAX_PIPELINES, index -> reports.add(pipeline(p, "pipelines[" + index + "].")));
        return reports;
    }

    private PipelineReport pipeline(JsonParser p, String at) throws IOException {
        String pipelineId = null;
        String checksum = null;
        String status = null;
        String error = null;
        Long[] counters = new Long[PIPELINE_COUNTERS.size()];
        List<ComponentMetrics> components = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "pipelineId" -> pipelineId = text(p, field);
                case "configChecksum" -> checksum = text(p, field);
                case "status" -> status = text(p, field);
                case "error" -> error = text(p, field);
                case "componentMetrics" -> objects(p, at + "componentMetrics", MAX_COMPONENTS,
                        index -> components.add(component(p, at, index)));
                default -> {
                    int i = PIPELINE_COUNTERS.indexOf(field);
                    if (i >= 0) {
                        counters[i] = counter(p, field, at);
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }
        Long version = counters[0];
        return new PipelineReport(pipelineId, version == null || version > Integer.MAX_VALUE ? null : version.intValue(), checksum, status,
                counters[1], counters[2], counters[3], counters[4], counters[5], counters[6], counters[7], counters[8], components, error);
    }

    private static final List<String> PIPELINE_COUNTERS = List.of("version", "pid", "uptimeSeconds", "eventsIn", "eventsOut", "bytesIn",
            "bytesOut", "errorsTotal", "eventsDiscarded");
    private static final List<String> COMPONENT_COUNTERS = List.of("receivedEvents", "sentEvents", "receivedBytes", "sentBytes", "errorsTotal",
            "discardedEvents");
    private static final List<String> HOST_GAUGES = List.of("cpuSecondsTotal", "cpuSecondsIdle", "loadAvg1", "loadAvg5", "loadAvg15");
    private static final List<String> HOST_COUNTERS = List.of("memoryTotalBytes", "memoryUsedBytes", "memoryFreeBytes", "fsTotalBytes",
            "fsUsedBytes", "fsFreeBytes", "diskReadBytes", "diskWrittenBytes", "netRxBytes", "netTxBytes");

    private ComponentMetrics component(JsonParser p, String pipelineAt, int index) throws IOException {
        String id = null;
        String kind = null;
        Long[] counters = new Long[COMPONENT_COUNTERS.size()];
        String at = null; // built only when something is rejected
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "componentId" -> id = text(p, field);
                case "componentKind" -> kind = text(p, field);
                default -> {
                    int i = COMPONENT_COUNTERS.indexOf(field);
                    if (i < 0) {
                        p.skipChildren();
                    } else if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                            && p.getLongValue() >= 0 && p.getLongValue() <= MAX_COUNTER) {
                        counters[i] = p.getLongValue(); // the usual case, without the checks' strings
                    } else {
                        if (at == null) {
                            at = pipelineAt + "componentMetrics[" + index + "].";
                        }
                        counters[i] = counter(p, field, at);
                    }
                }
            }
        }
        return new ComponentMetrics(id, kind, counters[0], counters[1], counters[2], counters[3], counters[4], counters[5]);
    }

    private HostMetrics host(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            reject("hostMetrics: must be an object");
            p.skipChildren();
            return null;
        }
        String at = "hostMetrics.";
        Double[] gauges = new Double[HOST_GAUGES.size()];
        Long[] counters = new Long[HOST_COUNTERS.size()];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            int g = HOST_GAUGES.indexOf(field);
            int c = g >= 0 ? -1 : HOST_COUNTERS.indexOf(field);
            if (g >= 0) {
                gauges[g] = number(p, field, at);
            } else if (c >= 0) {
                counters[c] = counter(p, field, at);
            } else {
                p.skipChildren();
            }
        }
        return new HostMetrics(gauges[0], gauges[1], gauges[2], gauges[3], gauges[4], counters[0], counters[1], counters[2], counters[3],
                counters[4], counters[5], counters[6], counters[7], counters[8], counters[9]);
    }

    private Iterable<JsonNode> array(JsonNode node, String field, int max) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            reject(field + ": must be an array");
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        int seen = 0;
        boolean wrongType = false;
        for (JsonNode item : node) {
            if (seen++ >= max) {
                reject(field + ": more than " + max + " entries; the rest were ignored");
                break;
            }
            if (item.isObject() || item.isTextual() || field.endsWith("events")) {
                items.add(item);
            } else if (!wrongType) {
                reject(field + ": entries must be objects");
                wrongType = true;
            }
        }
        return items;
    }

    private Long counter(JsonParser p, String field, String at) throws IOException {
        Double value = number(p, field, at);
        if (value == null) {
            return null;
        }
        if (value != Math.rint(value)) {
            reject(at + field + ": must be a whole number");
            return null;
        }
        return value.longValue();
    }

    private Double number(JsonParser p, String field, String at) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!t.isNumeric()) {
            reject(at + field + ": must be a number");
            p.skipChildren();
            return null;
        }
        double d = p.getDoubleValue();
        if (!Double.isFinite(d) || d < 0) {
            reject(at + field + ": must not be negative");
            return null;
        }
        if (d > MAX_COUNTER) {
            reject(at + field + ": " + p.getText() + " is not believable");
            return null;
        }
        return d;
    }

    private String text(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            reject(field + ": must be a string");
            p.skipChildren();
            return null;
        }
        return clean(p.getText());
    }

    private String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            reject(field + ": must be a string");
            return null;
        }
        return clean(value.asText());
    }

    /** A sample event with every string in it (keys too) cleaned like any other text, NUL included. */
    private JsonNode cleaned(JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText();
            String clean = clean(text);
            return clean.equals(text) ? node : mapper.getNodeFactory().textNode(clean);
        }
        if (node.isArray()) {
            ArrayNode out = mapper.createArrayNode();
            node.forEach(item -> out.add(cleaned(item)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = mapper.createObjectNode();
            node.properties().forEach(e -> out.set(clean(e.getKey()), cleaned(e.getValue())));
            return out;
        }
        return node;
    }

    private Map<String, String> labels(JsonNode node, String field) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return labels;
        }
        if (!node.isObject()) {
            reject(field + ": must be an object of strings");
            return labels;
        }
        node.properties().forEach(e -> {
            if (!e.getValue().isTextual() || !Labels.isValid(e.getKey(), e.getValue().asText())) {
                reject(field + "." + e.getKey() + ": keys are 1-63 letters, digits, '_', '.', '-', '/'; values at most 253 printable"
                        + " characters without ',' or '='");
            } else if (labels.size() < 64) {
                labels.put(e.getKey(), e.getValue().asText());
            }
        });
        return labels;
    }
}
