package dev.vectorflow.ports.out.vector;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Map;
import java.util.Optional;

/**
 * Driven port: turns a neutral Vector config tree (ordered {@code Map<String, Object>} whose values
 * are String, Boolean, Long, BigInteger, Double, List and Map, and, when written, environment
 * variable references in numbers and flags ({@code EnvironmentReference}, written bare)) into YAML,
 * TOML or JSON text and back.
 * Writing is deterministic: the same tree gives byte-identical text.
 */
public interface VectorConfigCodec {

    String write(Map<String, Object> tree, ConfigFormat format);

    /**
     * Reads config text; {@code format} empty means: detect it from the first meaningful line
     * ('{' → JSON only; '---' → YAML only; a TOML table header or {@code key = value} → TOML, then
     * YAML; anything else → YAML, then TOML; the first format that reads a mapping wins).
     *
     * @throws InvalidValueException on field {@code config} with the parser's message (line and
     *     column when known) when the text is not valid in that format or is not a mapping
     */
    Map<String, Object> read(String text, Optional<ConfigFormat> format);
}
