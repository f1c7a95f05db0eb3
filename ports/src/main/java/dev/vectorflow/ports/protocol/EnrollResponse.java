package dev.vectorflow.ports.protocol;

/** Protocol v1: the server's answer to a successful enrollment; {@code nodeToken} is shown this once. */
public record EnrollResponse(String nodeId, String nodeToken, String environmentId, String environmentName,
                             long pollIntervalMs) {

    @Override
    public String toString() {
        return "EnrollResponse[nodeId=" + nodeId + ", nodeToken=****, environmentId=" + environmentId
                + ", environmentName=" + environmentName + ", pollIntervalMs=" + pollIntervalMs + "]";
    }
}
