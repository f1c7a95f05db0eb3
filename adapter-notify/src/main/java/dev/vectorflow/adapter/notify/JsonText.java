package dev.vectorflow.adapter.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The one JSON mapper the payload builders share: trees in, compact text out. */
final class JsonText {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonText() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Puts {@code value} or JSON null under {@code name}. */
    static void putOptional(ObjectNode node, String name, Optional<?> value) {
        value.ifPresentOrElse(v -> node.put(name, v.toString()), () -> node.putNull(name));
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a payload tree could not be written", e);
        }
    }
}
