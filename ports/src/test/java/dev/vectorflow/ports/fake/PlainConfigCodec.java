package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.out.vector.ConfigFormat;
import dev.vectorflow.ports.out.vector.VectorConfigCodec;
import java.util.Map;
import java.util.Optional;

/** Stand-in of {@link VectorConfigCodec} that writes a tree as its plain text (deterministic, enough for checksums); it reads nothing. */
public final class PlainConfigCodec implements VectorConfigCodec {

    @Override
    public String write(Map<String, Object> tree, ConfigFormat format) {
        return tree + "\n";
    }

    @Override
    public Map<String, Object> read(String text, Optional<ConfigFormat> format) {
        throw new UnsupportedOperationException("the service tests do not import files");
    }
}
