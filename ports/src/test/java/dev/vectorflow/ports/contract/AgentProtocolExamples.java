package dev.vectorflow.ports.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The example documents of agent protocol v1: both sides' contract tests (server agent API and agent
 * control-plane client) read these same files, so a field renamed on one side fails the other.
 */
public final class AgentProtocolExamples {

    /** Every example document, by name (without {@code .json}). */
    public static final List<String> NAMES = List.of("enroll-request", "enroll-request-legacy", "enroll-response",
            "heartbeat-request", "heartbeat-request-minimal", "heartbeat-response", "config-request",
            "config-response", "desired-state", "logs-request", "samples-request", "error-response", "preview-request", "preview-job",
            "preview-result");

    private AgentProtocolExamples() {
    }

    /** The JSON text of the named example. */
    public static String read(String name) {
        String resource = "/dev/vectorflow/ports/protocol/examples/" + name + ".json";
        try (InputStream in = AgentProtocolExamples.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no protocol example '" + name + "' (" + resource + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
