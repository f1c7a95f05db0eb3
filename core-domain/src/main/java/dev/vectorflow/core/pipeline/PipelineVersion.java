package dev.vectorflow.core.pipeline;

import dev.vectorflow.core.validation.PlainText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, numbered snapshot of a pipeline: the graph, the Vector YAML rendered from it (with
 * secret references only), its SHA-256, who published it, why, and — for a rollback — which
 * version it restored.
 */
public record PipelineVersion(PipelineId pipelineId, int number, PipelineGraph graph, String configYaml, String checksum, String author,
                              String message, Instant createdAt, Optional<Integer> restoredFrom) {

    public PipelineVersion {
        Objects.requireNonNull(pipelineId, "pipelineId");
        if (number < 1) {
            throw new IllegalArgumentException("version numbers start at 1 but was " + number);
        }
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(configYaml, "configYaml");
        Objects.requireNonNull(checksum, "checksum");
        author = Objects.requireNonNullElse(author, "");
        message = PlainText.optionalMultiLine("message", message, 2000);
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(restoredFrom, "restoredFrom");
    }

    /** The SHA-256 of a rendered config, as lower-case hex. */
    public static String checksumOf(String configYaml) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(configYaml.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
