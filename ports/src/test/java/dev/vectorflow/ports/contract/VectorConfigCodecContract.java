package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.out.vector.ConfigFormat;
import dev.vectorflow.ports.out.vector.VectorConfigCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VectorConfigCodec} must do when it writes (deployments checksum the text, so equal trees must give
 * equal text and different ones different text); run against the stand-in and against the Jackson codec, whose own
 * tests cover reading.
 */
public abstract class VectorConfigCodecContract {

    protected abstract VectorConfigCodec codec();

    /** A small pipeline tree, built afresh each time, its maps in the order given. */
    private static Map<String, Object> tree(String format, long interval) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("type", "demo_logs");
        source.put("format", format);
        source.put("interval", interval);
        Map<String, Object> sink = new LinkedHashMap<>();
        sink.put("type", "blackhole");
        sink.put("inputs", List.of("in"));
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("sources", new LinkedHashMap<>(Map.of("in", source)));
        tree.put("sinks", new LinkedHashMap<>(Map.of("out", sink)));
        return tree;
    }

    @Test
    void givenTwoEqualTreesBuiltApart_whenWrittenInEachFormat_thenTheTextIsByteIdentical() {
        for (ConfigFormat format : ConfigFormat.values()) {
            assertThat(codec().write(tree("json", 1), format)).as(format.name()).isEqualTo(codec().write(tree("json", 1), format));
        }
    }

    @Test
    void givenTreesThatDifferInOneValue_whenWritten_thenTheTextDiffers() {
        for (ConfigFormat format : ConfigFormat.values()) {
            String written = codec().write(tree("json", 1), format);

            assertThat(codec().write(tree("syslog", 1), format)).as(format.name()).isNotEqualTo(written);
            assertThat(codec().write(tree("json", 2), format)).as(format.name()).isNotEqualTo(written);
        }
    }

    @Test
    void givenTheSameTreeWithItsKeysInAnotherOrder_whenWritten_thenTheTextFollowsTheOrder() {
        Map<String, Object> reversed = new LinkedHashMap<>();
        reversed.put("sinks", tree("json", 1).get("sinks"));
        reversed.put("sources", tree("json", 1).get("sources"));

        for (ConfigFormat format : ConfigFormat.values()) {
            String inOrder = codec().write(tree("json", 1), format);
            String inReverse = codec().write(reversed, format);
            assertThat(inOrder.indexOf("demo_logs")).as(format.name()).isLessThan(inOrder.indexOf("blackhole"));
            assertThat(inReverse.indexOf("blackhole")).as(format.name()).isLessThan(inReverse.indexOf("demo_logs"));
        }
        assertThat(new TreeMap<>(reversed)).isEqualTo(new TreeMap<>(tree("json", 1)));
    }
}
