package dev.vectorflow.core.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.preview.PreviewComparison.FieldChange;
import dev.vectorflow.core.preview.PreviewComparison.PreviewDiff;
import dev.vectorflow.core.preview.PreviewComparison.SinkDiff;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreviewComparisonTest {

    private static Map<String, Object> event(int seq, Object... pairs) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put(PreviewComparison.SEQUENCE_FIELD, seq);
        for (int i = 0; i < pairs.length; i += 2) {
            e.put((String) pairs[i], pairs[i + 1]);
        }
        return e;
    }

    @Test
    void givenTheDraftAddsAField_compare_listsItAsAddedOnThatSinkInEveryEvent() {
        PreviewDiff diff = PreviewComparison.compare(List.of("out"), 2,
                Map.of("out", List.of(event(0, "message", "a"), event(1, "message", "b"))),
                Map.of("out", List.of(event(0, "message", "a", "env", "prod"), event(1, "message", "b", "env", "prod"))));

        SinkDiff out = diff.sinks().getFirst();
        assertThat(out.fieldsAdded()).containsExactly(new FieldChange(".env", 2, null, "\"prod\""));
        assertThat(out.fieldsRemoved()).isEmpty();
        assertThat(out.fieldsChanged()).isEmpty();
        assertThat(out.eventsBefore()).isEqualTo(2);
        assertThat(out.eventsAfter()).isEqualTo(2);
        assertThat(out.dropped()).isZero();
        assertThat(out.unchanged()).isFalse();
    }

    @Test
    void givenRemovedChangedAndNestedFields_compare_namesEachPathOnceWithAFirstExample() {
        PreviewDiff diff = PreviewComparison.compare(List.of("out"), 1,
                Map.of("out", List.of(event(0, "host", "h1", "level", "info", "kube", Map.of("pod", "p1")))),
                Map.of("out", List.of(event(0, "level", "INFO", "kube", Map.of("pod", "p1", "ns", "default")))));

        SinkDiff out = diff.sinks().getFirst();
        assertThat(out.fieldsRemoved()).containsExactly(new FieldChange(".host", 1, "\"h1\"", null));
        assertThat(out.fieldsChanged()).containsExactly(new FieldChange(".level", 1, "\"info\"", "\"INFO\""));
        assertThat(out.fieldsAdded()).containsExactly(new FieldChange(".kube.ns", 1, null, "\"default\""));
    }

    @Test
    void givenTheDraftFiltersAnEventAndRoutesAnotherElsewhere_compare_countsDropsAndShowsEachEventsRoutes() {
        PreviewDiff diff = PreviewComparison.compare(List.of("a", "b"), 3,
                Map.of("a", List.of(event(0), event(1), event(2))),
                Map.of("a", List.of(event(0)), "b", List.of(event(2))));

        assertThat(diff.sinks()).extracting(SinkDiff::sinkId).containsExactly("a", "b");
        SinkDiff a = diff.sinks().get(0);
        assertThat(a.dropped()).isEqualTo(2);
        assertThat(a.matched()).isEqualTo(1);
        SinkDiff b = diff.sinks().get(1);
        assertThat(b.eventsBefore()).isZero();
        assertThat(b.appeared()).isEqualTo(1);
        assertThat(diff.routes()).containsExactly(
                new PreviewComparison.EventRoute(0, List.of("a"), List.of("a")),
                new PreviewComparison.EventRoute(1, List.of("a"), List.of()),
                new PreviewComparison.EventRoute(2, List.of("a"), List.of("b")));
    }

    @Test
    void givenIdenticalOutputs_compare_saysTheSinkIsUnchanged() {
        PreviewDiff diff = PreviewComparison.compare(List.of("out"), 1, Map.of("out", List.of(event(0, "x", 1))),
                Map.of("out", List.of(event(0, "x", 1))));

        assertThat(diff.sinks().getFirst().unchanged()).isTrue();
    }

    @Test
    void givenOutputsWithoutTheSequenceField_compare_matchesThemByPosition() {
        PreviewDiff diff = PreviewComparison.compare(List.of("out"), 2,
                Map.of("out", List.of(Map.of("m", "a"), Map.of("m", "b"))),
                Map.of("out", List.of(Map.of("m", "a"), Map.of("m", "B"))));

        SinkDiff out = diff.sinks().getFirst();
        assertThat(out.matched()).isEqualTo(2);
        assertThat(out.fieldsChanged()).containsExactly(new FieldChange(".m", 1, "\"b\"", "\"B\""));
        assertThat(diff.routes()).allSatisfy(r -> assertThat(r.before()).isEmpty());
    }

    @Test
    void givenAVeryLongValue_compare_cutsItsExample() {
        String longValue = "x".repeat(1000);
        PreviewDiff diff = PreviewComparison.compare(List.of("out"), 1, Map.of("out", List.of(event(0))),
                Map.of("out", List.of(event(0, "big", longValue))));

        assertThat(diff.sinks().getFirst().fieldsAdded().getFirst().after()).hasSize(PreviewComparison.MAX_EXAMPLE + 1).endsWith("…");
    }
}
