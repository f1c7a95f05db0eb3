package dev.vectorflow.adapter.vector.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.vectorflow.ports.out.vector.runtime.VectorConfigRules;
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

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    @Override
    public String sidecar(String dataDir, String apiAddress, String metricsAddress, List<String> secretCommand) {
        ObjectNode root = yaml.createObjectNode();
        root.put("data_dir", dataDir);
        ObjectNode api = root.putObject("api");
        api.put("enabled", true);
        api.put("address", apiAddress);
        root.putObject("sources").putObject(RESERVED_PREFIX + "internal_metrics").put("type", "internal_metrics");
        ObjectNode sink = root.putObject("sinks").putObject(RESERVED_PREFIX + "prometheus");
        sink.put("type", "prometheus_exporter");
        sink.putArray("inputs").add(RESERVED_PREFIX + "internal_metrics");
        sink.put("address", metricsAddress);
        if (!secretCommand.isEmpty()) {
            ObjectNode backend = root.putObject("secret").putObject("vectorflow");
            backend.put("type", "exec");
            secretCommand.forEach(backend.putArray("command")::add);
        }
        try {
            return yaml.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the sidecar config cannot be written as YAML", e);
        }
    }

    @Override
    public boolean requiresRestart(String configBefore, String configAfter) {
        return !Objects.equals(globals(configBefore), globals(configAfter));
    }

    private Map<String, JsonNode> globals(String config) {
        Map<String, JsonNode> out = new TreeMap<>();
        try {
            JsonNode root = yaml.readTree(config);
            if (root != null) {
                root.properties().forEach(e -> {
                    if (!RELOADABLE.contains(e.getKey())) {
                        out.put(e.getKey(), e.getValue());
                    }
                });
            }
        } catch (JsonProcessingException e) {
            // unreadable YAML: Vector's validate reports it; a restart is the safe answer
            out.put("\0unreadable", yaml.getNodeFactory().textNode(config));
        }
        return out;
    }
}
