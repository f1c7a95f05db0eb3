package dev.vectorflow.core.pipeline.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.Edge;
import dev.vectorflow.core.pipeline.PipelineComponent;
import dev.vectorflow.core.pipeline.PipelineComponent.Position;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import java.util.ArrayList;

class GraphDiffTest {

    private static final Map<String, Object> FILE = Map.of("include", List.of("/var/log/a.log", "/var/log/b.log"),
            "decoding", Map.of("codec", "json"));
    private static final Map<String, Object> CONSOLE = Map.of("encoding", Map.of("codec", "json"));

    private static PipelineComponent source(String key, Map<String, Object> options) {
        return PipelineComponent.of(key, ComponentKind.SOURCE, "file", options);
    }

    private static PipelineComponent sink(String key, Map<String, Object> options) {
        return PipelineComponent.of(key, ComponentKind.SINK, "console", options);
    }

    private static PipelineComponent remap(String key, String program) {
        return PipelineComponent.of(key, ComponentKind.TRANSFORM, "remap", Map.of("source", program));
    }

    private static PipelineGraph graph(List<PipelineComponent> components, List<Edge> edges) {
        return PipelineGraph.of(components, edges);
    }

    private static ComponentChange onlyChange(PipelineComponent from, PipelineComponent to) {
        GraphDiff diff = GraphDiff.between(graph(List.of(from), List.of()), graph(List.of(to), List.of()));
        assertThat(diff.componentsChanged()).hasSize(1);
        return diff.componentsChanged().getFirst();
    }

    private static List<String> texts(List<Edge> edges) {
        return edges.stream().map(e -> e.input() + " -> " + e.to()).toList();
    }

    @Test
    void twoEqualVersionsHaveAnEmptyDiff() {
        PipelineGraph graph = graph(List.of(source("in", FILE), sink("out", CONSOLE)), List.of(Edge.of("in", "out")));
        PipelineGraph copy = graph(List.of(source("in", FILE), sink("out", CONSOLE)), List.of(Edge.of("in", "out")));

        GraphDiff diff = GraphDiff.between(graph, copy);

        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff).isEqualTo(new GraphDiff(List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void movingComponentsOnTheCanvasChangesNothing() {
        PipelineComponent placed = new PipelineComponent(new ComponentKey("in"), ComponentKind.SOURCE, "file", FILE, "Logs",
                Optional.of(new Position(10, 20)), false);
        PipelineComponent moved = new PipelineComponent(new ComponentKey("in"), ComponentKind.SOURCE, "file", FILE, "Logs",
                Optional.of(new Position(300, 45.5)), false);
        PipelineComponent unplaced = new PipelineComponent(new ComponentKey("in"), ComponentKind.SOURCE, "file", FILE, "Logs",
                Optional.empty(), false);

        assertThat(GraphDiff.between(graph(List.of(placed), List.of()), graph(List.of(moved), List.of())).isEmpty()).isTrue();
        assertThat(GraphDiff.between(graph(List.of(placed), List.of()), graph(List.of(unplaced), List.of())).isEmpty()).isTrue();
    }

    @Test
    void addedAndRemovedComponentsAreListedByKeyWithTheirKindAndType() {
        PipelineGraph from = graph(List.of(source("in", FILE), remap("parse", ".a = 1"), sink("out", CONSOLE)), List.of());
        PipelineGraph to = graph(List.of(source("in", FILE), sink("zz_debug", CONSOLE), remap("enrich", ".b = 2"),
                sink("archive", CONSOLE)), List.of());

        GraphDiff diff = GraphDiff.between(from, to);

        assertThat(diff.componentsAdded()).containsExactly(
                new ComponentSummary(new ComponentKey("archive"), ComponentKind.SINK, "console"),
                new ComponentSummary(new ComponentKey("enrich"), ComponentKind.TRANSFORM, "remap"),
                new ComponentSummary(new ComponentKey("zz_debug"), ComponentKind.SINK, "console"));
        assertThat(diff.componentsRemoved()).containsExactly(
                new ComponentSummary(new ComponentKey("out"), ComponentKind.SINK, "console"),
                new ComponentSummary(new ComponentKey("parse"), ComponentKind.TRANSFORM, "remap"));
        assertThat(diff.componentsChanged()).isEmpty();
        assertThat(diff.isEmpty()).isFalse();
    }

    @Test
    void aChangedComponentListsItsKindTypeDisabledFlagAndDisplayName() {
        PipelineComponent before = new PipelineComponent(new ComponentKey("x"), ComponentKind.TRANSFORM, "remap",
                Map.of("source", ".a = 1"), "Parse", Optional.empty(), false);
        PipelineComponent after = new PipelineComponent(new ComponentKey("x"), ComponentKind.SINK, "console",
                Map.of("source", ".a = 1"), "Print", Optional.empty(), true);

        ComponentChange change = onlyChange(before, after);

        assertThat(change.key()).isEqualTo(new ComponentKey("x"));
        assertThat(change.kind()).contains(new ValueChange<>(ComponentKind.TRANSFORM, ComponentKind.SINK));
        assertThat(change.type()).contains(new ValueChange<>("remap", "console"));
        assertThat(change.disabled()).contains(new ValueChange<>(false, true));
        assertThat(change.displayName()).contains(new ValueChange<>("Parse", "Print"));
        assertThat(change.options()).isEmpty();
    }

    @Test
    void onlyWhatChangedIsReported() {
        ComponentChange change = onlyChange(remap("parse", ".a = 1"), remap("parse", ".a = 2"));

        assertThat(change.kind()).isEmpty();
        assertThat(change.type()).isEmpty();
        assertThat(change.disabled()).isEmpty();
        assertThat(change.displayName()).isEmpty();
        assertThat(change.options()).extracting(c -> c.path().toString(), OptionChange::oldValue, OptionChange::newValue)
                .containsExactly(tuple("source", ".a = 1", ".a = 2"));
    }

    @Test
    void optionChangesAreDottedPathsIntoNestedMapsAndLists() {
        Map<String, Object> before = Map.of(
                "decoding", Map.of("codec", "json"),
                "include", List.of("/var/log/a.log", "/var/log/b.log", "/var/log/c.log"),
                "multiline", Map.of("start_pattern", "^\\d", "mode", "halt_before", "timeout_ms", 1000),
                "route", Map.of("info", ".level == \"info\""),
                "buffer", Map.of("type", "memory", "max_events", 500));
        Map<String, Object> after = Map.of(
                "decoding", Map.of("codec", "ndjson"),
                "include", List.of("/var/log/a.log", "/var/log/B.log"),
                "route", Map.of("info", ".level == \"info\"", "errors", Map.of("condition", ".level == \"error\"")),
                "buffer", Map.of("type", "memory", "max_events", 500, "when_full", "drop_newest"),
                "exclude", List.of(Map.of("glob", "*.gz")));

        ComponentChange change = onlyChange(source("in", before), source("in", after));

        assertThat(change.options()).extracting(c -> c.path().toString(), OptionChange::oldValue, OptionChange::newValue)
                .containsExactly(
                        tuple("buffer.when_full", null, "drop_newest"),
                        tuple("decoding.codec", "json", "ndjson"),
                        tuple("exclude", null, List.of(Map.of("glob", "*.gz"))),
                        tuple("include[1]", "/var/log/b.log", "/var/log/B.log"),
                        tuple("include[2]", "/var/log/c.log", null),
                        tuple("multiline", Map.of("start_pattern", "^\\d", "mode", "halt_before", "timeout_ms", 1000), null),
                        tuple("route.errors", null, Map.of("condition", ".level == \"error\"")));
        assertThat(change.options().get(0).isAddition()).isTrue();
        assertThat(change.options().get(4).isRemoval()).isTrue();
    }

    @Test
    void aValueThatChangesItsShapeIsOneChangeAtItsPath() {
        ComponentChange change = onlyChange(source("in", Map.of("encoding", "json", "include", List.of("a"), "tags", Map.of("a", 1))),
                source("in", Map.of("encoding", Map.of("codec", "json"), "include", "a", "tags", List.of("a"))));

        assertThat(change.options()).extracting(c -> c.path().toString(), OptionChange::oldValue, OptionChange::newValue)
                .containsExactly(
                        tuple("encoding", "json", Map.of("codec", "json")),
                        tuple("include", List.of("a"), "a"),
                        tuple("tags", Map.of("a", 1), List.of("a")));
    }

    @Test
    void numbersCompareByValueSoIntegerFiveEqualsLongFive() {
        Map<String, Object> integers = Map.of("batch", Map.of("max_events", 5, "timeout_secs", 1.5), "ports", List.of(80, 443));
        Map<String, Object> longs = Map.of("batch", Map.of("max_events", 5L, "timeout_secs", 1.5), "ports", List.of(80L, 443L));

        GraphDiff same = GraphDiff.between(graph(List.of(sink("out", integers)), List.of()),
                graph(List.of(sink("out", longs)), List.of()));
        ComponentChange changed = onlyChange(sink("out", integers),
                sink("out", Map.of("batch", Map.of("max_events", 5.0, "timeout_secs", 1.5f), "ports", List.of(80L, 8443L))));

        assertThat(same.isEmpty()).isTrue();
        assertThat(changed.options()).extracting(c -> c.path().toString(), OptionChange::oldValue, OptionChange::newValue)
                .containsExactly(
                        tuple("batch.max_events", 5, 5.0),
                        tuple("ports[1]", 443, 8443L));
    }

    @Test
    void anOptionSetToNullIsTheSameAsAnOptionLeftOut() {
        Map<String, Object> withNull = new HashMap<>(Map.of("encoding", Map.of("codec", "json")));
        withNull.put("healthcheck", null);

        assertThat(GraphDiff.between(graph(List.of(sink("out", withNull)), List.of()),
                graph(List.of(sink("out", CONSOLE)), List.of())).isEmpty()).isTrue();
    }

    @Test
    void optionChangesComeInPathOrderWithListIndicesInNumericOrder() {
        List<String> eleven = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        List<String> edited = List.of("0", "1", "two", "3", "4", "5", "6", "7", "8", "9", "ten");

        ComponentChange change = onlyChange(source("in", Map.of("include", eleven, "b", 1, "a", Map.of("z", 1, "y", 1))),
                source("in", Map.of("include", edited, "b", 2, "a", Map.of("z", 2, "y", 2))));

        assertThat(change.options()).extracting(c -> c.path().toString())
                .containsExactly("a.y", "a.z", "b", "include[2]", "include[10]");
    }

    @Test
    void keysThatHoldDotsOrBracketsAreQuotedInPaths() {
        ComponentChange change = onlyChange(
                source("in", Map.of("extra_label_selector", Map.of("app.kubernetes.io/name", "web", "plain-key_1", "a"))),
                source("in", Map.of("extra_label_selector", Map.of("app.kubernetes.io/name", "api", "plain-key_1", "b"))));

        assertThat(change.options()).extracting(c -> c.path().toString())
                .containsExactly("extra_label_selector[\"app.kubernetes.io/name\"]", "extra_label_selector.plain-key_1");
        assertThat(change.options().getFirst().path().segments()).containsExactly(
                new OptionPath.Key("extra_label_selector"), new OptionPath.Key("app.kubernetes.io/name"));
    }

    @Test
    void edgesAreComparedByFromOutputAndToAndSortedByTheirText() {
        PipelineGraph from = graph(List.of(source("in", FILE), remap("route", ".a = 1"), sink("out", CONSOLE), sink("err", CONSOLE)),
                List.of(Edge.of("in", "route"), Edge.of("route", "out"), Edge.of("route.errors", "err")));
        PipelineGraph to = graph(List.of(source("in", FILE), remap("route", ".a = 1"), sink("out", CONSOLE), sink("err", CONSOLE)),
                List.of(Edge.of("in", "route"), Edge.of("route.ok", "out"), Edge.of("route.errors", "err"), Edge.of("in", "out"),
                        Edge.of("route", "err")));

        GraphDiff diff = GraphDiff.between(from, to);

        assertThat(texts(diff.edgesAdded())).containsExactly("in -> out", "route -> err", "route.ok -> out");
        assertThat(texts(diff.edgesRemoved())).containsExactly("route -> out");
        assertThat(diff.componentsChanged()).isEmpty();
    }

    @Test
    void anEdgeListedTwiceInOneVersionIsStillOneEdge() {
        PipelineGraph from = graph(List.of(source("in", FILE), sink("out", CONSOLE)), List.of(Edge.of("in", "out"), Edge.of("in", "out")));
        PipelineGraph to = graph(List.of(source("in", FILE), sink("out", CONSOLE)), List.of(Edge.of("in", "out")));

        assertThat(GraphDiff.between(from, to).isEmpty()).isTrue();
    }

    @Test
    void globalOptionChangesHavePathsFromTheTopLevel() {
        PipelineGraph from = new PipelineGraph(List.of(), List.of(),
                Map.of("acknowledgements", Map.of("enabled", false), "timezone", "UTC", "log_schema", Map.of("host_key", "host")));
        PipelineGraph to = new PipelineGraph(List.of(), List.of(),
                Map.of("acknowledgements", Map.of("enabled", true), "timezone", "UTC", "expire_metrics_secs", 300L));

        GraphDiff diff = GraphDiff.between(from, to);

        assertThat(diff.globalOptions()).extracting(c -> c.path().toString(), OptionChange::oldValue, OptionChange::newValue)
                .containsExactly(
                        tuple("acknowledgements.enabled", false, true),
                        tuple("expire_metrics_secs", null, 300L),
                        tuple("log_schema", Map.of("host_key", "host"), null));
        assertThat(diff.isEmpty()).isFalse();
    }

    @Test
    void aDiffPutsWhatItIsGivenInItsOrder() {
        ComponentSummary b = new ComponentSummary(new ComponentKey("b"), ComponentKind.SINK, "console");
        ComponentSummary a = new ComponentSummary(new ComponentKey("a"), ComponentKind.SINK, "console");

        GraphDiff diff = new GraphDiff(List.of(b, a), List.of(), List.of(), List.of(Edge.of("z", "a"), Edge.of("a", "z")), List.of(),
                List.of(new OptionChange(OptionPath.of("b"), 1L, 2L), new OptionChange(OptionPath.of("a"), 1L, 2L)));

        assertThat(diff.componentsAdded()).containsExactly(a, b);
        assertThat(texts(diff.edgesAdded())).containsExactly("a -> z", "z -> a");
        assertThat(diff.globalOptions()).extracting(c -> c.path().toString()).containsExactly("a", "b");
    }

    @Test
    void aDiffCannotListAComponentOrAnEdgeTwice() {
        ComponentSummary a = new ComponentSummary(new ComponentKey("a"), ComponentKind.SINK, "console");

        assertThatThrownBy(() -> new GraphDiff(List.of(a), List.of(a), List.of(), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("component 'a' must be listed once but is listed twice");
        assertThatThrownBy(() -> new GraphDiff(List.of(), List.of(), List.of(), List.of(Edge.of("a.x", "b")), List.of(Edge.of("a.x", "b")),
                List.of())).isInstanceOf(IllegalArgumentException.class).hasMessage("edge 'a.x -> b' must be listed once but is listed twice");
    }

    @Test
    void aChangeThatChangesNothingCannotBeMade() {
        assertThatThrownBy(() -> new OptionChange(OptionPath.of("max_events"), 5, 5L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'newValue' must differ from 'oldValue' at 'max_events' but both were 5");
        assertThatThrownBy(() -> new ValueChange<>("remap", "remap")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ComponentChange(new ComponentKey("x"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a change of component 'x' must change something");
        assertThatThrownBy(() -> new ComponentChange(new ComponentKey("x"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(new OptionChange(OptionPath.of("a"), 1L, 2L), new OptionChange(OptionPath.of("a"), 1L, 3L))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'options' must hold one change per path but 'a' appears twice");
    }

    @Test
    void optionChangeValuesCannotBeModifiedThroughTheDiff() {
        List<Object> include = new ArrayList<>(List.of("a"));
        OptionChange change = new OptionChange(OptionPath.of("include"), null, include);
        include.add("b");

        assertThat(change.newValue()).isEqualTo(List.of("a"));
        assertThatThrownBy(() -> ((List<?>) change.newValue()).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void listsThatGrowByNullElementsChangeAsAWhole() {
        List<Object> withNull = new ArrayList<>(List.of("a"));
        withNull.add(null);

        assertThat(OptionChange.between(Map.of("include", List.of("a")), Map.of("include", withNull)))
                .extracting(c -> c.path().toString(), OptionChange::oldValue, OptionChange::newValue)
                .containsExactly(tuple("include", List.of("a"), withNull));
    }
}
