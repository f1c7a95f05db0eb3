package dev.vectorflow.agent.controlplane;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vectorflow.ports.protocol.ActionResult;
import dev.vectorflow.ports.protocol.CertFile;
import dev.vectorflow.ports.protocol.ComponentMetrics;
import dev.vectorflow.ports.protocol.ConfigRequest;
import dev.vectorflow.ports.protocol.DesiredState;
import dev.vectorflow.ports.protocol.EnrollRequest;
import dev.vectorflow.ports.protocol.EnrollResponse;
import dev.vectorflow.ports.protocol.HeartbeatRequest;
import dev.vectorflow.ports.protocol.HeartbeatResponse;
import dev.vectorflow.ports.protocol.HostMetrics;
import dev.vectorflow.ports.protocol.PendingAction;
import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.protocol.PreviewJob;
import dev.vectorflow.ports.protocol.PreviewRequest;
import dev.vectorflow.ports.protocol.PreviewResult;
import dev.vectorflow.ports.protocol.PipelineLogs;
import dev.vectorflow.ports.protocol.PipelineReport;
import dev.vectorflow.ports.protocol.SampleResult;
import dev.vectorflow.ports.protocol.SchemaField;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Protocol v1 (docs/agent-protocol.md) as the agent writes and reads it, on jackson-core's streaming generator and
 * parser: absent fields are not sent, unknown fields are skipped, field names are those of the records in
 * {@code ports.protocol} (the contract test holds them to the example documents in ports' test resources). No data
 * binding: an agent that calls the server every 15 s does not need the ~500 classes of a general mapper resident for
 * five small documents.
 */
final class ProtocolJson {

    private static final JsonFactory JSON = new JsonFactory();

    private ProtocolJson() {
    }

    /** A document of the server that cannot be read as the protocol says. */
    static final class Unreadable extends IOException {
        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // ------------------------------------------------------------------ what the agent sends

    static byte[] enroll(EnrollRequest r) {
        return write(g -> {
            string(g, "token", r.token());
            string(g, "hostname", r.hostname());
            string(g, "os", r.os());
            string(g, "agentVersion", r.agentVersion());
            string(g, "vectorVersion", r.vectorVersion());
            stringMap(g, "labels", r.labels());
        });
    }

    static byte[] config(ConfigRequest r) {
        return write(g -> {
            string(g, "pipelineId", r.pipelineId());
            number(g, "version", r.version());
        });
    }

    static byte[] previewRequest(PreviewRequest r) {
        return write(g -> string(g, "requestId", r.requestId()));
    }

    static byte[] previewResult(PreviewResult r) {
        return write(g -> {
            string(g, "requestId", r.requestId());
            previewRun(g, "baseline", r.baseline());
            previewRun(g, "draft", r.draft());
        });
    }

    private static void previewRun(JsonGenerator g, String name, PreviewResult.Run run) throws IOException {
        if (run == null) {
            return;
        }
        g.writeObjectFieldStart(name);
        string(g, "error", run.error());
        string(g, "log", run.log());
        array(g, "sinks", run.sinks(), (out, sink) -> {
            string(out, "sinkId", sink.sinkId());
            string(out, "events", sink.events());
            out.writeBooleanField("cut", sink.cut());
        });
        g.writeEndObject();
    }

    static byte[] heartbeat(HeartbeatRequest r) {
        return write(g -> {
            string(g, "agentVersion", r.agentVersion());
            string(g, "vectorVersion", r.vectorVersion());
            string(g, "deploymentMode", r.deploymentMode());
            stringMap(g, "labels", r.labels());
            if (r.hostMetrics() != null) {
                g.writeObjectFieldStart("hostMetrics");
                hostMetrics(g, r.hostMetrics());
                g.writeEndObject();
            }
            array(g, "pipelines", r.pipelines(), ProtocolJson::pipeline);
            array(g, "logs", r.logs(), (out, l) -> {
                string(out, "pipelineId", l.pipelineId());
                strings(out, "lines", l.lines());
            });
            array(g, "sampleResults", r.sampleResults(), ProtocolJson::sample);
            array(g, "actionResults", r.actionResults(), (out, a) -> {
                string(out, "actionId", a.actionId());
                string(out, "status", a.status());
                string(out, "message", a.message());
            });
            string(g, "updateError", r.updateError());
        });
    }

    private static void hostMetrics(JsonGenerator g, HostMetrics h) throws IOException {
        number(g, "cpuSecondsTotal", h.cpuSecondsTotal());
        number(g, "cpuSecondsIdle", h.cpuSecondsIdle());
        number(g, "loadAvg1", h.loadAvg1());
        number(g, "loadAvg5", h.loadAvg5());
        number(g, "loadAvg15", h.loadAvg15());
        number(g, "memoryTotalBytes", h.memoryTotalBytes());
        number(g, "memoryUsedBytes", h.memoryUsedBytes());
        number(g, "memoryFreeBytes", h.memoryFreeBytes());
        number(g, "fsTotalBytes", h.fsTotalBytes());
        number(g, "fsUsedBytes", h.fsUsedBytes());
        number(g, "fsFreeBytes", h.fsFreeBytes());
        number(g, "diskReadBytes", h.diskReadBytes());
        number(g, "diskWrittenBytes", h.diskWrittenBytes());
        number(g, "netRxBytes", h.netRxBytes());
        number(g, "netTxBytes", h.netTxBytes());
    }

    private static void pipeline(JsonGenerator g, PipelineReport p) throws IOException {
        string(g, "pipelineId", p.pipelineId());
        number(g, "version", p.version());
        string(g, "configChecksum", p.configChecksum());
        string(g, "status", p.status());
        number(g, "pid", p.pid());
        number(g, "uptimeSeconds", p.uptimeSeconds());
        number(g, "eventsIn", p.eventsIn());
        number(g, "eventsOut", p.eventsOut());
        number(g, "bytesIn", p.bytesIn());
        number(g, "bytesOut", p.bytesOut());
        number(g, "errorsTotal", p.errorsTotal());
        number(g, "eventsDiscarded", p.eventsDiscarded());
        array(g, "componentMetrics", p.componentMetrics(), ProtocolJson::component);
        string(g, "error", p.error());
    }

    private static void component(JsonGenerator g, ComponentMetrics c) throws IOException {
        string(g, "componentId", c.componentId());
        string(g, "componentKind", c.componentKind());
        number(g, "receivedEvents", c.receivedEvents());
        number(g, "sentEvents", c.sentEvents());
        number(g, "receivedBytes", c.receivedBytes());
        number(g, "sentBytes", c.sentBytes());
        number(g, "errorsTotal", c.errorsTotal());
        number(g, "discardedEvents", c.discardedEvents());
    }

    private static void sample(JsonGenerator g, SampleResult s) throws IOException {
        string(g, "requestId", s.requestId());
        string(g, "componentKey", s.componentKey());
        if (s.events() != null) {
            g.writeFieldName("events");
            any(g, s.events());
        }
        array(g, "schema", s.schema(), (out, f) -> {
            string(out, "path", f.path());
            string(out, "type", f.type());
            string(out, "sample", f.sample());
        });
        string(g, "error", s.error());
    }

    // ------------------------------------------------------------------ what the server answers

    static EnrollResponse enrollResponse(byte[] body) throws Unreadable {
        return read(body, "an enroll answer", p -> {
            String[] text = new String[4];
            long[] poll = {0};
            fields(p, (name, value) -> {
                switch (name) {
                    case "nodeId" -> text[0] = text(value);
                    case "nodeToken" -> text[1] = text(value);
                    case "environmentId" -> text[2] = text(value);
                    case "environmentName" -> text[3] = text(value);
                    case "pollIntervalMs" -> poll[0] = longOr(value, 0);
                    default -> value.skipChildren();
                }
            });
            return new EnrollResponse(text[0], text[1], text[2], text[3], poll[0]);
        });
    }

    static HeartbeatResponse heartbeatResponse(byte[] body) throws Unreadable {
        return read(body, "a heartbeat answer", p -> {
            boolean[] ok = {false};
            long[] poll = {0};
            List<PendingAction> actions = new ArrayList<>();
            fields(p, (name, value) -> {
                switch (name) {
                    case "ok" -> ok[0] = value.currentToken() == JsonToken.VALUE_TRUE;
                    case "pollIntervalMs" -> poll[0] = longOr(value, 0);
                    case "pendingActions" -> elements(value, element -> actions.add(action(element)));
                    default -> value.skipChildren();
                }
            });
            return new HeartbeatResponse(ok[0], poll[0], actions);
        });
    }

    static PipelineConfig pipelineConfig(byte[] body) throws Unreadable {
        return read(body, "a pipeline config", ProtocolJson::pipelineConfig);
    }

    static PreviewJob previewJob(byte[] body) throws Unreadable {
        return read(body, "a preview job", p -> {
            String[] text = new String[2];
            PipelineConfig[] configs = new PipelineConfig[2];
            fields(p, (name, value) -> {
                switch (name) {
                    case "requestId" -> text[0] = text(value);
                    case "eventsNdjson" -> text[1] = text(value);
                    case "baseline" -> configs[0] = pipelineConfig(value);
                    case "draft" -> configs[1] = pipelineConfig(value);
                    default -> value.skipChildren();
                }
            });
            return new PreviewJob(text[0], text[1], configs[0], configs[1]);
        });
    }

    static DesiredState desiredState(byte[] body) throws Unreadable {
        return read(body, "the desired state", p -> {
            List<PipelineConfig> pipelines = new ArrayList<>();
            long[] poll = {0};
            fields(p, (name, value) -> {
                switch (name) {
                    case "pipelines" -> elements(value, element -> pipelines.add(pipelineConfig(element)));
                    case "pollIntervalMs" -> poll[0] = longOr(value, 0);
                    default -> value.skipChildren();
                }
            });
            return new DesiredState(pipelines, poll[0]);
        });
    }

    /** The {@code error} (or {@code detail}) of an error answer, when the body is JSON that has one. */
    static Optional<String> errorMessage(byte[] body) {
        try {
            return read(body, "an error answer", p -> {
                String[] found = new String[2];
                fields(p, (name, value) -> {
                    switch (name) {
                        case "error" -> found[0] = value.currentToken().isScalarValue() ? text(value) : skip(value);
                        case "detail" -> found[1] = value.currentToken().isScalarValue() ? text(value) : skip(value);
                        default -> value.skipChildren();
                    }
                });
                return Optional.ofNullable(found[0] != null ? found[0] : found[1]);
            });
        } catch (Unreadable notJson) {
            return Optional.empty();
        }
    }

    private static PendingAction action(JsonParser p) throws IOException {
        String[] text = new String[9];
        Integer[] numbers = new Integer[2];
        List<String> keys = new ArrayList<>();
        boolean[] hasKeys = {false};
        fields(p, (name, value) -> {
            switch (name) {
                case "id" -> text[0] = text(value);
                case "type" -> text[1] = text(value);
                case "pipelineId" -> text[2] = text(value);
                case "pipelineName" -> text[3] = text(value);
                case "checksum" -> text[4] = text(value);
                case "targetVersion" -> text[5] = text(value);
                case "downloadUrl" -> text[6] = text(value);
                case "signature" -> text[7] = text(value);
                case "requestId" -> text[8] = text(value);
                case "version" -> numbers[0] = integer(value);
                case "limit" -> numbers[1] = integer(value);
                case "componentKeys" -> {
                    hasKeys[0] = value.currentToken() != JsonToken.VALUE_NULL;
                    elements(value, element -> keys.add(text(element)));
                }
                default -> value.skipChildren();
            }
        });
        return new PendingAction(text[0], text[1], text[2], text[3], numbers[0], text[4], text[5], text[6], text[7], text[8],
                hasKeys[0] ? keys : null, numbers[1]);
    }

    private static PipelineConfig pipelineConfig(JsonParser p) throws IOException {
        String[] text = new String[5];
        int[] version = {0};
        Map<String, String> secrets = new LinkedHashMap<>();
        List<CertFile> certs = new ArrayList<>();
        fields(p, (name, value) -> {
            switch (name) {
                case "pipelineId" -> text[0] = text(value);
                case "pipelineName" -> text[1] = text(value);
                case "checksum" -> text[2] = text(value);
                case "logLevel" -> text[3] = text(value);
                case "configYaml" -> text[4] = text(value);
                case "version" -> version[0] = value.currentToken() == JsonToken.VALUE_NULL ? 0 : integer(value);
                case "secrets" -> fields(value, (key, secret) -> secrets.put(key, text(secret)));
                case "certFiles" -> elements(value, element -> {
                    String[] cert = new String[3];
                    fields(element, (field, v) -> {
                        switch (field) {
                            case "name" -> cert[0] = text(v);
                            case "filename" -> cert[1] = text(v);
                            case "data" -> cert[2] = text(v);
                            default -> v.skipChildren();
                        }
                    });
                    certs.add(new CertFile(cert[0], cert[1], cert[2]));
                });
                default -> value.skipChildren();
            }
        });
        return new PipelineConfig(text[0], text[1], version[0], text[2], text[3], text[4], secrets, certs);
    }

    // ------------------------------------------------------------------ reading, one value at a time

    private interface Body<T> {
        T read(JsonParser parser) throws IOException;
    }

    private interface Field {
        /** Called with the parser on the field's value, which it must consume (a scalar as it is, or up to its end). */
        void value(String name, JsonParser parser) throws IOException;
    }

    private interface Element {
        void value(JsonParser parser) throws IOException;
    }

    private static <T> T read(byte[] body, String what, Body<T> reader) throws Unreadable {
        try (JsonParser p = JSON.createParser(body)) {
            p.nextToken();
            return reader.read(p);
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("not " + what + ": " + e.getMessage(), e);
        }
    }

    private static void fields(JsonParser p, Field field) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new JsonParseException(p, "expected an object but found " + p.currentToken());
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            field.value(name, p);
        }
    }

    private static void elements(JsonParser p, Element element) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new JsonParseException(p, "expected an array but found " + p.currentToken());
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            element.value(p);
        }
    }

    private static String text(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!t.isScalarValue()) {
            throw new JsonParseException(p, "expected a text but found " + t);
        }
        return p.getText();
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    private static Integer integer(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new JsonParseException(p, "expected a whole number but found " + t);
        }
        return p.getIntValue();
    }

    private static long longOr(JsonParser p, long absent) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return absent;
        }
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new JsonParseException(p, "expected a whole number but found " + t);
        }
        return p.getLongValue();
    }

    // ------------------------------------------------------------------ writing

    private interface Content {
        void write(JsonGenerator generator) throws IOException;
    }

    private interface Each<T> {
        void write(JsonGenerator generator, T value) throws IOException;
    }

    private static byte[] write(Content content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            content.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void number(JsonGenerator g, String name, Number value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            number(g, value);
        }
    }

    private static void number(JsonGenerator g, Number value) throws IOException {
        switch (value) {
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Short s -> g.writeNumber(s);
            case Byte b -> g.writeNumber(b);
            case BigInteger big -> g.writeNumber(big);
            case BigDecimal decimal -> g.writeNumber(decimal);
            case Float f -> g.writeNumber(f);
            default -> g.writeNumber(value.doubleValue());
        }
    }

    private static void stringMap(JsonGenerator g, String name, Map<String, String> values) throws IOException {
        if (values != null) {
            g.writeObjectFieldStart(name);
            for (Map.Entry<String, String> e : values.entrySet()) {
                g.writeFieldName(e.getKey());
                if (e.getValue() == null) {
                    g.writeNull();
                } else {
                    g.writeString(e.getValue());
                }
            }
            g.writeEndObject();
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values != null) {
            g.writeArrayFieldStart(name);
            for (String v : values) {
                if (v == null) {
                    g.writeNull();
                } else {
                    g.writeString(v);
                }
            }
            g.writeEndArray();
        }
    }

    private static <T> void array(JsonGenerator g, String name, List<T> values, Each<T> each) throws IOException {
        if (values != null) {
            g.writeArrayFieldStart(name);
            for (T v : values) {
                g.writeStartObject();
                each.write(g, v);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    /** An event as {@code vector tap} gave it: maps, lists, texts, numbers, booleans and nulls. */
    private static void any(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Number n -> number(g, n);
            case Boolean b -> g.writeBoolean(b);
            case Map<?, ?> map -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    any(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Collection<?> list -> {
                g.writeStartArray();
                for (Object element : list) {
                    any(g, element);
                }
                g.writeEndArray();
            }
            default -> g.writeString(value.toString());
        }
    }
}
