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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

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
