package dev.vectorflow.ports.out.vector;

import java.util.Locale;
import java.util.Optional;

/** The file formats Vector reads. An unknown file extension is read as TOML, as Vector does. */
public enum ConfigFormat {
    YAML, TOML, JSON;

    /** The format Vector picks for a file name ({@code .yaml}/{@code .yml}, {@code .json}, anything else TOML). */
    public static ConfigFormat forFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return YAML;
        }
        return lower.endsWith(".json") ? JSON : TOML;
    }

    public static Optional<ConfigFormat> parse(String name) {
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
