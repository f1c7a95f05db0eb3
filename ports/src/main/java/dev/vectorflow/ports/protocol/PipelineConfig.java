package dev.vectorflow.ports.protocol;

import java.util.List;
import java.util.Map;

/**
 * Protocol v1: the config of one pipeline for one node. {@code configYaml} holds secrets only as
 * {@code SECRET[vectorflow.<name>]} references; the values are in {@code secrets} (kept in memory by the
 * agent, never on disk). {@code checksum} is SHA-256 over the YAML and the resolved values.
 */
public record PipelineConfig(String pipelineId, String pipelineName, int version, String checksum, String logLevel,
                             String configYaml, Map<String, String> secrets, List<CertFile> certFiles) {

    public PipelineConfig {
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        certFiles = certFiles == null ? List.of() : List.copyOf(certFiles);
    }

    @Override
    public String toString() {
        return "PipelineConfig[pipelineId=" + pipelineId + ", pipelineName=" + pipelineName + ", version=" + version
                + ", checksum=" + checksum + ", logLevel=" + logLevel + ", secrets=" + secrets.keySet()
                + ", certFiles=" + certFiles + "]";
    }
}
