package dev.vectorflow.adapter.vector.process;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.vectorflow.ports.out.vector.runtime.VectorConfigRules;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@link VectorConfigRules} for YAML configs. Global options are the top-level keys other than the components and
 * the sections Vector applies on reload ({@code api}, {@code secret}, {@code enrichment_tables}, {@code healthchecks}).
 */
public final class YamlVectorConfigRules implements VectorConfigRules {

    private static final Set<String> RELOADABLE = Set.of("sources", "transforms", "sinks", "enrichment_tables", "secret", "api", "healthchecks");

    // streaming YAML only: the agent runs this on every deploy and needs no data binding for it
    private final YAMLFactory yaml = YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    @Override
    public String sidecar(String dataDir, String apiAddress, String metricsAddress, List<String> secretCommand) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = yaml.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("data_dir", dataDir);
            g.writeObjectFieldStart("api");
            g.writeBooleanField("enabled", true);
            g.writeStringField("address", apiAddress);
            g.writeEndObject();
            g.writeObjectFieldStart("sources");
            g.writeObjectFieldStart(RESERVED_PREFIX + "internal_metrics");
            g.writeStringField("type", "internal_metrics");
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("sinks");
            g.writeObjectFieldStart(RESERVED_PREFIX + "prometheus");
            g.writeStringField("type", "prometheus_exporter");
            g.writeArrayFieldStart("inputs");
            g.writeString(RESERVED_PREFIX + "internal_metrics");
            g.writeEndArray();
            g.writeStringField("address", metricsAddress);
            g.writeEndObject();
            g.writeEndObject();
            if (!secretCommand.isEmpty()) {
                g.writeObjectFieldStart("secret");
                g.writeObjectFieldStart("vectorflow");
                g.writeStringField("type", "exec");
                g.writeArrayFieldStart("command");
                for (String word : secretCommand) {
                    g.writeString(word);
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("the sidecar config cannot be written as YAML", e);
        }
        return out.toString();
    }

    @Override
    public boolean requiresRestart(String configBefore, String configAfter) {
        return !Objects.equals(globals(configBefore), globals(configAfter));
    }

    @Override
    public PreviewConfig previewConfig(String configYaml, String dataDir, Function<String, String> sinkFile, List<String> secretCommand) {
        Map<String, Object> config = readMapping(configYaml);
        Map<String, Object> sources = section(config, "sources");
        Map<String, Object> transforms = section(config, "transforms");
        Map<String, Object> sinks = section(config, "sinks");
        if (sinks.isEmpty()) {
            throw new IllegalArgumentException("the config has no sink, so a preview has nothing to show");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            if (!RELOADABLE.contains(key) && !key.equals("tests") && !key.equals("data_dir")) {
                out.put(key, value);
            }
        });
        out.put("data_dir", dataDir);
        if (config.get("enrichment_tables") != null) {
            out.put("enrichment_tables", config.get("enrichment_tables"));
        }
        out.put("sources", Map.of(PREVIEW_SOURCE, Map.of("type", "stdin", "decoding", Map.of("codec", "json"))));
        Map<String, Object> newTransforms = new LinkedHashMap<>();
        transforms.forEach((id, body) -> {
            Map<String, Object> component = body instanceof Map<?, ?> m ? copy(m) : new LinkedHashMap<>();
            component.put("inputs", rewire(component.get("inputs"), sources.keySet()));
            newTransforms.put(id, component);
        });
        if (!newTransforms.isEmpty()) {
            out.put("transforms", newTransforms);
        }
        Map<String, Object> newSinks = new LinkedHashMap<>();
        sinks.forEach((id, body) -> {
            Object inputs = body instanceof Map<?, ?> m ? m.get("inputs") : null;
            Map<String, Object> sink = new LinkedHashMap<>();
            sink.put("type", "file");
            sink.put("inputs", rewire(inputs, sources.keySet()));
            sink.put("path", sinkFile.apply(id));
            sink.put("encoding", Map.of("codec", "json"));
            newSinks.put(id, sink);
        });
        out.put("sinks", newSinks);
        if (!secretCommand.isEmpty()) {
            out.put("secret", Map.of("vectorflow", Map.of("type", "exec", "command", List.copyOf(secretCommand))));
        }
        return new PreviewConfig(write(out), List.copyOf(sinks.keySet()));
    }

    /** Inputs that named a source (or a glob matching one) read the preview's stdin source instead; the rest stay. */
    private static List<Object> rewire(Object inputs, Set<String> sources) {
        Set<Object> wired = new LinkedHashSet<>();
        if (inputs instanceof List<?> list) {
            for (Object input : list) {
                String name = String.valueOf(input);
                boolean source = sources.contains(name) || name.contains("*") && sources.stream().anyMatch(globOf(name).asMatchPredicate());
                wired.add(source ? PREVIEW_SOURCE : name);
                if (source && name.contains("*")) {
                    wired.add(name); // the glob may match transforms as well
                }
            }
        }
        return new ArrayList<>(wired);
    }

    private static Pattern globOf(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private static Map<String, Object> copy(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static Map<String, Object> section(Map<String, Object> config, String name) {
        return config.get(name) instanceof Map<?, ?> m ? copy(m) : new LinkedHashMap<>();
    }

    private Map<String, Object> readMapping(String config) {
        try (JsonParser p = yaml.createParser(config)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("the config is not a YAML mapping");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = (Map<String, Object>) TreeValues.read(p);
            return tree;
        } catch (IOException e) {
            throw new IllegalArgumentException("the config cannot be read as YAML: " + e.getMessage(), e);
        }
    }

    private String write(Object tree) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = yaml.createGenerator(out)) {
            writeValue(g, tree);
        } catch (IOException e) {
            throw new UncheckedIOException("the preview config cannot be written as YAML", e);
        }
        return out.toString();
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case Map<?, ?> map -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    writeValue(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> list -> {
                g.writeStartArray();
                for (Object item : list) {
                    writeValue(g, item);
                }
                g.writeEndArray();
            }
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case java.math.BigInteger big -> g.writeNumber(big);
            case Double d -> g.writeNumber(d);
            case Number n -> g.writeNumber(n.toString());
            default -> g.writeString(String.valueOf(value));
        }
    }

    private Map<String, Object> globals(String config) {
        Map<String, Object> out = new TreeMap<>();
        try (JsonParser p = yaml.createParser(config)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return out;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                if (RELOADABLE.contains(key)) {
                    p.skipChildren();
                } else {
                    out.put(key, TreeValues.read(p));
                }
            }
        } catch (IOException e) {
            // unreadable YAML: Vector's validate reports it; a restart is the safe answer
            out.put("\0unreadable", config);
        }
        return out;
    }
}
