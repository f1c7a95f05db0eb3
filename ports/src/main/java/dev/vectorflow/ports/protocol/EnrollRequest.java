package dev.vectorflow.ports.protocol;

import java.util.Map;

/**
 * Protocol v1: what an agent sends to {@code POST /api/agent/enroll}. Wire-level values (plain strings), checked
 * by the server; {@code enrollmentToken} on the wire is a synonym of {@code token}.
 */
public record EnrollRequest(String token, String hostname, String os, String agentVersion, String vectorVersion,
                            Map<String, String> labels) {

    public EnrollRequest {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    @Override
    public String toString() {
        return "EnrollRequest[token=****, hostname=" + hostname + ", os=" + os + ", agentVersion=" + agentVersion
                + ", vectorVersion=" + vectorVersion + ", labels=" + labels + "]";
    }
}
