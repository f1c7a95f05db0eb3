package dev.vectorflow.ports.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Protocol v1: one action in a heartbeat response. The wire form is flat: {@code type} says which of the other
 * fields are set (absent ones are null and not sent). Build them with the factory methods.
 */
public record PendingAction(String id, String type, String pipelineId, String pipelineName, Integer version,
                            String checksum, String targetVersion, String downloadUrl, String signature,
                            String requestId, List<String> componentKeys, Integer limit) {

    public static final String DEPLOY = "deploy";
    public static final String UNDEPLOY = "undeploy";
    public static final String RESTART = "restart";
    public static final String UPDATE = "update";
    public static final String SAMPLE = "sample";
    public static final String PREVIEW = "preview";

    public PendingAction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        componentKeys = componentKeys == null ? null : List.copyOf(componentKeys);
    }

    public static PendingAction deploy(String id, String pipelineId, String pipelineName, int version, String checksum) {
        return new PendingAction(id, DEPLOY, pipelineId, pipelineName, version, checksum, null, null, null, null, null, null);
    }

    public static PendingAction undeploy(String id, String pipelineId) {
        return new PendingAction(id, UNDEPLOY, pipelineId, null, null, null, null, null, null, null, null, null);
    }

    public static PendingAction restart(String id, String pipelineId) {
        return new PendingAction(id, RESTART, pipelineId, null, null, null, null, null, null, null, null, null);
    }

    /** {@code checksum} is {@code sha256:<hex>} of the download; {@code signature} is base64 ed25519 over the file. */
    public static PendingAction update(String id, String targetVersion, String downloadUrl, String checksum, String signature) {
        return new PendingAction(id, UPDATE, null, null, null, checksum, targetVersion, downloadUrl, signature, null, null, null);
    }

    public static PendingAction sample(String id, String requestId, String pipelineId, List<String> componentKeys, int limit) {
        return new PendingAction(id, SAMPLE, pipelineId, null, null, null, null, null, null, requestId, componentKeys, limit);
    }

    /** Run a preview: the agent fetches what to run with {@code requestId} and reports the outputs under it. */
    public static PendingAction preview(String id, String requestId, String pipelineId) {
        return new PendingAction(id, PREVIEW, pipelineId, null, null, null, null, null, null, requestId, null, null);
    }
}
