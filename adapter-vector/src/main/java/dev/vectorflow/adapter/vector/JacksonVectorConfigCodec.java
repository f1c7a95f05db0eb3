package dev.vectorflow.adapter.vector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import dev.vectorflow.core.pipeline.EnvironmentReference;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import dev.vectorflow.ports.out.vector.VectorConfigCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Config codec: Vector config trees to YAML, TOML or JSON text and back.
 * The details are in docs/architecture.md, "Notes on the code".
 */
public final class JacksonVectorConfigCodec implements VectorConfigCodec {

    private final TomlFactory tomlFactory;
    private final JsonFactory jsonFactory;
    private final ObjectWriter jsonWriter;

    public JacksonVectorConfigCodec() {
        this.tomlFactory = new TomlFactory();
        this.jsonFactory = new JsonFactory();
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""));
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        pretty.indentObjectsWith(indenter);
        pretty.indentArraysWith(indenter);
        SimpleModule bare = new SimpleModule();
        bare.addSerializer(EnvironmentReference.class, new StdSerializer<>(EnvironmentReference.class) {
            @Override
            public void serialize(EnvironmentReference value, JsonGenerator gen,
                                  SerializerProvider provider) throws IOException {
                // bare, as in the file Vector substitutes before it parses ("batch_size": ${BATCH})
                gen.writeRawValue(value.text());
            }
        });
        this.jsonWriter = new ObjectMapper(jsonFactory).registerModule(bare).writer(pretty);
    }

    /**
     * Writes the tree in {@code format}.
     *
     * @throws IllegalArgumentException when the tree holds something the format cannot (another
     *     type than String, Boolean, Number, List, Map, EnvironmentReference; a null list element in
     *     TOML; a non-finite number in JSON) — the tree comes from our own code, so that is a
     *     programming error
     * @throws InvalidValueException on field {@code format} when a whole number is beyond what TOML
     *     holds (a u64 above the largest i64): the graph is fine, the format cannot carry it
     */
    @Override
    public String write(Map<String, Object> tree, ConfigFormat format) {
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(format, "format");
        checkTree("", tree, format);
        return switch (format) {
            case TOML -> TomlConfigWriter.write(tree);
            case YAML -> YamlConfigWriter.write(tree);
            case JSON -> endWithLineFeed(serialize(jsonWriter, tree, format));
        };
    }

    @Override
    public Map<String, Object> read(String text, Optional<ConfigFormat> format) {
        Objects.requireNonNull(format, "format");
        if (format.isPresent()) {
            return readAs(text, format.get());
        }
        return readDetected(text).tree();
    }

    /** Reads text in a known format. */
    public Map<String, Object> readAs(String text, ConfigFormat format) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(format, "format");
        checkNotEmpty(format == ConfigFormat.JSON ? text.isBlank() : FormatDetection.blank(text));
        try {
            return tree(format, withoutByteOrderMark(text));
        } catch (UnreadableConfig e) {
            throw new InvalidValueException("config", e.getMessage());
        }
    }

    /**
     * Reads text of an unknown format: tries the formats in the order {@link FormatDetection} gives
     * and keeps the first that reads the text as a mapping.
     *
     * @throws InvalidValueException with the failure of the format the text looks most like
     */
    public DetectedConfig readDetected(String text) {
        Objects.requireNonNull(text, "text");
        checkNotEmpty(FormatDetection.blank(text));
        UnreadableConfig first = null;
        for (ConfigFormat candidate : FormatDetection.candidates(text)) {
            try {
                return new DetectedConfig(candidate, tree(candidate, withoutByteOrderMark(text)));
            } catch (UnreadableConfig e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw new InvalidValueException("config", Objects.requireNonNull(first).getMessage());
    }

    private Map<String, Object> tree(ConfigFormat format, String text) {
        if (format == ConfigFormat.YAML) {
            return YamlTreeReader.read(text);
        }
        return ConfigTreeReader.read(factory(format), format, EnvironmentReferenceQuoting.quoteBareReferences(text, format));
    }

    /** Editors on Windows may start UTF-8 files with a byte order mark; it is not content. */
    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static void checkNotEmpty(boolean blank) {
        if (blank) {
            throw new InvalidValueException("config", "is empty: it holds no YAML, TOML or JSON content");
        }
    }

    private JsonFactory factory(ConfigFormat format) {
        return switch (format) {
            case YAML -> throw new IllegalArgumentException("YAML is read by YamlTreeReader");
            case TOML -> tomlFactory;
            case JSON -> jsonFactory;
        };
    }

    private static String serialize(ObjectWriter writer, Map<String, Object> tree, ConfigFormat format) {
        try {
            return writer.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The config tree cannot be written as " + format + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String endWithLineFeed(String text) {
        return text.endsWith("\n") ? text : text + "\n";
    }

    /** Only the plain values of the port's contract; each format's own limits. */
    private static void checkTree(String path, Object value, ConfigFormat format) {
        switch (value) {
            case null -> {
            }
            case String s -> {
            }
            case Boolean b -> {
            }
            case Long l -> {
            }
            case Integer i -> {
            }
            case Short s -> {
            }
            case Byte b -> {
            }
            case BigInteger big -> {
                if (format == ConfigFormat.TOML && big.bitLength() > 63) {
                    throw new InvalidValueException("format", "TOML cannot hold the whole number " + big + " at " + path + " (TOML integers end"
                            + " at 9223372036854775807 and Vector's TOML reader refuses larger ones); export the pipeline as YAML or JSON");
                }
            }
            case EnvironmentReference reference -> {
            }
            case Double d -> checkFinite(path, d, format);
            case Float f -> checkFinite(path, f.doubleValue(), format);
            case BigDecimal d -> {
            }
            case Map<?, ?> map -> map.forEach((k, v) -> {
                if (!(k instanceof String key)) {
                    throw badTree(path, "a key that is not a string: " + k);
                }
                checkTree(path.isEmpty() ? key : path + "." + key, v, format);
            });
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    String itemPath = path + "[" + i + "]";
                    if (list.get(i) == null && format == ConfigFormat.TOML) {
                        throw badTree(itemPath, "a null list element, which TOML cannot hold");
                    }
                    checkTree(itemPath, list.get(i), format);
                }
            }
            default -> throw badTree(path, "a " + value.getClass().getName() + " (only String, Boolean, Long, Double, List and Map are config values)");
        }
    }

    private static void checkFinite(String path, double d, ConfigFormat format) {
        if (format == ConfigFormat.JSON && !Double.isFinite(d)) {
            throw badTree(path, "the number " + d + ", which JSON cannot hold");
        }
    }

    private static IllegalArgumentException badTree(String path, String what) {
        return new IllegalArgumentException("The config tree holds at '" + (path.isEmpty() ? "(top level)" : path) + "' " + what);
    }
}
