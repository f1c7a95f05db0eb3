package dev.vectorflow.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.Edge;
import dev.vectorflow.core.pipeline.PipelineComponent;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueMappingsTest {

    private static final PipelineGraph GRAPH = PipelineGraph.of(List.of(
            PipelineComponent.of("demo", ComponentKind.SOURCE, "demo_logs", Map.of("format", "json")),
            PipelineComponent.of("out", ComponentKind.SINK, "http", Map.of("uri", "https://dev.example.com",
                    "batch", Map.of("max_events", 100L), "headers", List.of("a")))),
            List.of(Edge.of("demo", "out")));

    private static ValueMapping mapping(String component, String option, Object value) {
        return new ValueMapping(new ComponentKey(component), option, value);
    }

    @Test
    void givenMappingsOfExistingValues_apply_replacesThem_andSaysWhatTheyWere() {
        ValueMappings.Outcome outcome = ValueMappings.apply(GRAPH, List.of(mapping("out", "uri", "https://prod.example.com"),
                mapping("out", "batch.max_events", 5000)));

        assertThat(outcome.problems()).isEmpty();
        PipelineComponent out = outcome.graph().component(new ComponentKey("out")).orElseThrow();
        assertThat(out.options()).containsEntry("uri", "https://prod.example.com").containsEntry("batch", Map.of("max_events", 5000L));
        assertThat(out.options()).containsEntry("headers", List.of("a"));
        assertThat(outcome.graph().edges()).isEqualTo(GRAPH.edges());
        assertThat(outcome.applied()).containsExactly(
                new ValueMappings.AppliedValue("out", "uri", "https://dev.example.com", "https://prod.example.com"),
                new ValueMappings.AppliedValue("out", "batch.max_events", 100L, 5000L));
        assertThat(GRAPH.component(new ComponentKey("out")).orElseThrow().options()).as("the version's graph is left alone")
                .containsEntry("uri", "https://dev.example.com");
    }

    @Test
    void givenMappingsThatDoNotApply_apply_namesEachByItsPosition_andKeepsTheGraph() {
        ValueMappings.Outcome outcome = ValueMappings.apply(GRAPH, List.of(mapping("nope", "uri", "x"), mapping("out", "missing", "x"),
                mapping("out", "batch", "x"), mapping("out", "headers", "x"), mapping("out", "uri", "a"), mapping("out", "uri", "b")));

        assertThat(outcome.problems()).extracting(InvalidValueException::field)
                .containsExactly("values[0]", "values[1]", "values[2]", "values[3]", "values[5]");
        assertThat(outcome.problems().get(0).problem()).contains("no component of that key");
        assertThat(outcome.problems().get(4).problem()).contains("a second time");
        assertThat(outcome.graph()).isSameAs(GRAPH);
        assertThat(outcome.applied()).isEmpty();
    }

    @Test
    void givenMoreMappingsThanTheCap_apply_refusesThemAll() {
        List<ValueMapping> many = Collections.nCopies(ValueMapping.MAX_MAPPINGS + 1, mapping("out", "uri", "x"));
        assertThat(ValueMappings.apply(GRAPH, many).problems()).singleElement()
                .satisfies(p -> assertThat(p.getMessage()).contains("at most 100"));
    }

    @Test
    void givenBadValues_aMapping_cannotBeMade() {
        assertThatThrownBy(() -> mapping("out", "uri", "a\u0000b")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("'value'");
        assertThatThrownBy(() -> mapping("out", "uri", "x".repeat(4097))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> mapping("out", "a..b", "x")).isInstanceOf(InvalidValueException.class).hasMessageContaining("'option'");
        assertThatThrownBy(() -> mapping("out", "uri", List.of("x"))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> mapping("out", "uri", Double.NaN)).isInstanceOf(InvalidValueException.class);
        assertThat(mapping("out", "uri", 5).value()).isEqualTo(5L);
        assertThat(mapping("out", "uri", "line one\nline two").value()).isEqualTo("line one\nline two");
    }
}
