package dev.vectorflow.ports.protocol;

/**
 * Protocol v1: what a {@code preview} action runs: the sample events as NDJSON (one JSON object a line, each with its
 * {@code vf_preview_seq}), and the two configs to run them through, {@code baseline} (the deployed or chosen version)
 * and {@code draft}, each as a node receives a deploy (secrets apart, certificate files included).
 */
public record PreviewJob(String requestId, String eventsNdjson, PipelineConfig baseline, PipelineConfig draft) {

    @Override
    public String toString() {
        return "PreviewJob[requestId=" + requestId + ", baseline=" + baseline + ", draft=" + draft + "]";
    }
}
