package dev.vectorflow.adapter.vector;

import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.util.Map;
import java.util.Objects;

/**
 * Config text read without a known format: the format it was read as, and its tree (ordered maps
 * in the file's key order).
 */
public record DetectedConfig(ConfigFormat format, Map<String, Object> tree) {

    public DetectedConfig {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(tree, "tree");
    }
}
