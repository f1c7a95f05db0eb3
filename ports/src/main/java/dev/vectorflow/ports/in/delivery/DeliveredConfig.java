package dev.vectorflow.ports.in.delivery;

import dev.vectorflow.core.pipeline.PipelineId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The config of one pipeline version as one node receives it. {@code configYaml} holds secrets only as
 * {@code SECRET[vectorflow.<name>]} references; their values are in {@code secrets}, certificates are files to write
 * beside the config; {@code checksum} covers all of it, so rotating a secret changes it.
 */
public record DeliveredConfig(PipelineId pipelineId, String pipelineName, int version, String checksum, String logLevel, String configYaml,
                              Map<String, String> secrets, List<CertFile> certFiles) {

    public DeliveredConfig {
        Objects.requireNonNull(pipelineId, "pipelineId");
        secrets = Map.copyOf(secrets);
        certFiles = List.copyOf(certFiles);
    }

    /** A certificate bundle the config references, to be written as {@code filename}; {@code data} is base64 of the PEM text. */
    public record CertFile(String name, String filename, String data) {
        @Override
        public String toString() {
            return "CertFile[name=" + name + ", filename=" + filename + ", data=****]";
        }
    }

    @Override
    public String toString() {
        return "DeliveredConfig[pipelineId=" + pipelineId + ", pipelineName=" + pipelineName + ", version=" + version + ", checksum="
                + checksum + ", secrets=" + secrets.keySet() + ", certFiles=" + certFiles + "]";
    }
}
