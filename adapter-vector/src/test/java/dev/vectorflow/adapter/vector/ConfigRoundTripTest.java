package dev.vectorflow.adapter.vector;

import static dev.vectorflow.adapter.vector.ConfigTrees.list;
import static dev.vectorflow.adapter.vector.ConfigTrees.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConfigRoundTripTest {

    private final JacksonVectorConfigCodec codec = new JacksonVectorConfigCodec();

    @ParameterizedTest
    @EnumSource(ConfigFormat.class)
    void aRepresentativeTree_readsBackEqual(ConfigFormat format) {
        Map<String, Object> tree = ConfigTrees.representative();

        String text = codec.write(tree, format);

        assertThat(codec.read(text, Optional.of(format))).as(text).isEqualTo(tree);
    }

    @ParameterizedTest
    @EnumSource(ConfigFormat.class)
    void writtenText_isDetectedAsItsOwnFormat(ConfigFormat format) {
        String text = codec.write(ConfigTrees.representative(), format);

        DetectedConfig detected = codec.readDetected(text);

        assertThat(detected.format()).isEqualTo(format);
        assertThat(detected.tree()).isEqualTo(ConfigTrees.representative());
    }

    @ParameterizedTest
    @EnumSource(ConfigFormat.class)
    void readingAndWritingAgain_givesTheSameText(ConfigFormat format) {
        String text = codec.write(ConfigTrees.representative(), format);

        assertThat(codec.write(codec.read(text, Optional.of(format)), format)).isEqualTo(text);
    }

    @ParameterizedTest
    @EnumSource(ConfigFormat.class)
    void theSmallPipeline_readsBackEqual(ConfigFormat format) {
        Map<String, Object> tree = ConfigTrees.smallPipeline();

        assertThat(codec.read(codec.write(tree, format), Optional.empty())).isEqualTo(tree);
    }

    @Test
    void yamlAndJson_keepNulls_tomlLeavesThemOut() {
        Map<String, Object> tree = map("sinks", map("out", map("type", "console", "tls", null, "tags", list("a", null))));

        assertThat(codec.read(codec.write(tree, ConfigFormat.YAML), Optional.of(ConfigFormat.YAML))).isEqualTo(tree);
        assertThat(codec.read(codec.write(tree, ConfigFormat.JSON), Optional.of(ConfigFormat.JSON))).isEqualTo(tree);
        Map<String, Object> withoutNullKey = map("sinks", map("out", map("type", "console")));
        assertThat(codec.read(codec.write(withoutNullKey, ConfigFormat.TOML), Optional.of(ConfigFormat.TOML))).isEqualTo(withoutNullKey);
        assertThat(codec.write(map("sinks", map("out", map("type", "console", "tls", null))), ConfigFormat.TOML))
                .isEqualTo("[sinks.out]\ntype = \"console\"\n");
    }

    @ParameterizedTest
    @EnumSource(value = ConfigFormat.class, names = {"YAML", "TOML"})
    void nonFiniteNumbers_readBackEqual(ConfigFormat format) {
        Map<String, Object> tree = map("a", Double.POSITIVE_INFINITY, "b", Double.NEGATIVE_INFINITY, "c", Double.NaN);

        assertThat(codec.read(codec.write(tree, format), Optional.of(format))).isEqualTo(tree);
    }

    private static final List<String> TRICKY = List.of(" ", "  ", "\t", "\n", "\n", "\r", "\"", "'", "''", "'''", "\\", ":", ": ", " #", "#",
            "-", "- ", "---", "...", "{", "}", "[", "]", ",", "&", "*", "!", "|", ">", "%", "@", "`", "?", ".", "0", "1", "e", "x", "_", "+",
            "a", "true", "null", "~", "ü", "🚀", "\u0085", "\u2028", "\u0000", "\u007f", "\uFEFF", "{{ ", " }}", "SECRET[", "=", "\"\"\"");

    /** Random strings (fixed seed, so every run checks the same ones) built from what trips writers up. */
    private static String trickyString(Random random) {
        StringBuilder b = new StringBuilder();
        int parts = random.nextInt(8);
        for (int i = 0; i < parts; i++) {
            b.append(TRICKY.get(random.nextInt(TRICKY.size())));
        }
        return b.toString();
    }

    @ParameterizedTest
    @EnumSource(ConfigFormat.class)
    void trickyStrings_asKeysAndValues_readBackEqual(ConfigFormat format) {
        Random random = new Random(57);
        for (int round = 0; round < 300; round++) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < 10; i++) {
                values.put(trickyString(random) + "#" + i, trickyString(random));
            }
            Map<String, Object> tree = map("sources", map("in", map("type", "demo_logs", "lines", list(trickyString(random), trickyString(random)),
                    "values", values, "source", trickyString(random) + "\n" + trickyString(random))));

            String text = codec.write(tree, format);

            assertThat(codec.read(text, Optional.of(format))).as("%s text:%n%s", format, text).isEqualTo(tree);
        }
    }
}
