package dev.vectorflow.ports.in.enrollment;

import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.validation.PlainText;

/**
 * Input of {@link EnrollNodeUseCase}: what an agent says about its host, checked here (a bad value refuses the
 * enrollment before the token is looked at), the enrollment token's text and the address the call came from.
 */
public record EnrollNodeCommand(String token, String hostname, String os, String agentVersion, String vectorVersion, Labels labels,
                                String clientAddress) {

    public EnrollNodeCommand {
        hostname = PlainText.requireSingleLine("hostname", hostname, 253);
        os = PlainText.optionalLine("os", os, 100);
        agentVersion = PlainText.optionalLine("agentVersion", agentVersion, 100);
        vectorVersion = PlainText.optionalLine("vectorVersion", vectorVersion, 300);
        labels = labels == null ? Labels.NONE : labels;
    }

    @Override
    public String toString() {
        return "EnrollNodeCommand[token=****, hostname=" + hostname + ", os=" + os + ", agentVersion=" + agentVersion + ", vectorVersion="
                + vectorVersion + ", labels=" + labels + ", clientAddress=" + clientAddress + "]";
    }
}
