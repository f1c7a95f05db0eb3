package dev.vectorflow.adapter.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.pipeline.catalog.Catalog;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.core.pipeline.catalog.ComponentSpec;
import dev.vectorflow.core.pipeline.catalog.EventType;
import dev.vectorflow.core.pipeline.catalog.OptionSpec;
import dev.vectorflow.core.pipeline.catalog.ValueType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonCatalogSourceTest {

    private final Catalog catalog = JsonCatalogSource.bundled().catalog();

    private ComponentSpec component(ComponentKind kind, String type) {
        return catalog.find(kind, type).orElseThrow(() -> new AssertionError("no " + kind + " " + type));
    }

    private static OptionSpec option(List<OptionSpec> options, String name) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no option " + name));
    }

    @Test
    void bundledCatalog_holdsEveryComponentOfVector057() {
        assertThat(catalog.vectorVersion()).isEqualTo("0.57.0");
        assertThat(catalog.components()).hasSize(130);
        assertThat(catalog.components().stream().filter(c -> c.kind() == ComponentKind.SOURCE)).hasSize(48);
        assertThat(catalog.components().stream().filter(c -> c.kind() == ComponentKind.TRANSFORM)).hasSize(18);
        assertThat(catalog.components().stream().filter(c -> c.kind() == ComponentKind.SINK)).hasSize(64);
    }

    @Test
    void routeTransform_takesAnyRouteNameMappedToACondition() {
        ComponentSpec route = component(ComponentKind.TRANSFORM, "route");
        OptionSpec routes = option(route.options(), "route");

        assertThat(route.title()).isEqualTo("Route");
        assertThat(route.inputTypes()).containsExactlyInAnyOrder(EventType.LOG, EventType.METRIC, EventType.TRACE);
        assertThat(routes.types()).containsExactly(ValueType.OBJECT);
        assertThat(routes.options()).singleElement().satisfies(any -> {
            assertThat(any.wildcard()).isTrue();
            assertThat(any.types()).containsExactly(ValueType.CONDITION);
            assertThat(any.required()).isTrue();
        });
        assertThat(routes.child("errors")).isPresent().get().extracting(OptionSpec::types).isEqualTo(Set.of(ValueType.CONDITION));
        assertThat(option(route.options(), "reroute_unmatched").defaultValue()).isEqualTo(true);
    }

    @Test
    void splunkHecLogsSink_marksItsTokenSensitiveAndKnowsItsAlias() {
        OptionSpec token = option(component(ComponentKind.SINK, "splunk_hec_logs").options(), "default_token");

        assertThat(token.sensitive()).isTrue();
        assertThat(token.required()).isTrue();
        assertThat(token.aliases()).containsExactly("token");
        assertThat(component(ComponentKind.SINK, "splunk_hec_logs").inputTypes()).containsExactly(EventType.LOG);
    }

    @Test
    void credentialsTypedAsPlainStrings_areSensitiveByName() {
        OptionSpec tls = option(component(ComponentKind.SINK, "loki").options(), "tls");

        assertThat(option(tls.options(), "key_pass").sensitive()).isTrue();
        assertThat(option(tls.options(), "ca_file").sensitive()).isFalse();
    }

    @Test
    void fileSource_requiresIncludeAsAListOfStrings_andHasTypedDefaults() {
        List<OptionSpec> options = component(ComponentKind.SOURCE, "file").options();
        OptionSpec include = option(options, "include");

        assertThat(include.required()).isTrue();
        assertThat(include.types()).containsExactly(ValueType.ARRAY);
        assertThat(include.items()).isPresent().get().extracting(OptionSpec::types).isEqualTo(Set.of(ValueType.STRING));
        assertThat(option(options, "max_line_bytes").defaultValue()).isEqualTo(102400L);
        assertThat(option(options, "rotate_wait_secs").defaultValue()).isEqualTo(Long.MAX_VALUE);
        assertThat(option(options, "read_from").defaultValue()).isEqualTo("beginning");
        assertThat(option(options, "ignore_not_found").defaultValue()).isEqualTo(false);
        assertThat(option(options, "exclude").defaultValue()).isEqualTo(List.of());
        assertThat(option(options, "line_delimiter").defaultValue()).isEqualTo("\n");
        assertThat(component(ComponentKind.SOURCE, "file").outputTypes()).containsExactly(EventType.LOG);
        assertThat(component(ComponentKind.SOURCE, "file").inputTypes()).isEmpty();
    }

    @Test
    void sinkCommonOptions_includeInputsBufferAndHealthcheckWithItsBooleanShorthand() {
        List<OptionSpec> common = catalog.commonOptions(ComponentKind.SINK);
        OptionSpec healthcheck = option(common, "healthcheck");
        OptionSpec buffer = option(common, "buffer");

        assertThat(common).extracting(OptionSpec::name).contains("inputs", "buffer", "healthcheck");
        assertThat(option(common, "inputs").required()).isTrue();
        assertThat(healthcheck.boolShorthand()).isTrue();
        assertThat(option(healthcheck.options(), "timeout").defaultValue()).isEqualTo(10.0);
        assertThat(option(buffer.options(), "max_events").relevantWhen()).contains("type = \"memory\"");
        OptionSpec whenFull = option(buffer.options(), "when_full");
        assertThat(whenFull.enumValues()).containsExactly("block", "drop_newest");
        assertThat(whenFull.acceptedEnumValues()).containsExactlyInAnyOrder("block", "drop_newest", "overflow");
        assertThat(option(common, "healthcheck_uri").hidden()).isTrue();
        assertThat(option(common, "healthcheck_uri").deprecated()).isTrue();
        assertThat(catalog.commonOptions(ComponentKind.TRANSFORM)).extracting(OptionSpec::name).contains("inputs");
        assertThat(catalog.commonOptions(ComponentKind.SOURCE)).extracting(OptionSpec::name).doesNotContain("inputs");
    }

    @Test
    void globalOptions_includeDataDirAndApi() {
        List<OptionSpec> global = catalog.globalOptions();

        assertThat(option(global, "data_dir").defaultValue()).isEqualTo("/var/lib/vector/");
        OptionSpec api = option(global, "api");
        assertThat(option(api.options(), "address").defaultValue()).isEqualTo("127.0.0.1:8686");
        assertThat(option(api.options(), "enabled").defaultValue()).isEqualTo(false);
    }

    @Test
    void enumAliases_areAcceptedButNotDocumented() {
        OptionSpec mode = option(component(ComponentKind.SOURCE, "socket").options(), "mode");

        assertThat(mode.enumValues()).containsExactly("tcp", "udp", "unix_datagram", "unix_stream");
        assertThat(mode.acceptedEnumValues()).contains("unix").containsAll(mode.enumValues());
    }

    @Test
    void onlyTemplateSyntax_makesAnOptionTemplatable() {
        assertThat(option(component(ComponentKind.SINK, "file").options(), "path").templatable()).isTrue();
        assertThat(option(component(ComponentKind.SINK, "loki").options(), "tenant_id").templatable()).isTrue();
        assertThat(option(component(ComponentKind.TRANSFORM, "remap").options(), "source").templatable()).isFalse();
        assertThat(option(component(ComponentKind.SINK, "azure_blob").options(), "blob_time_format").templatable()).isFalse();
    }

    @Test
    void arrayItems_mayBeObjectsWithTheirOwnOptions() {
        OptionSpec metrics = option(component(ComponentKind.TRANSFORM, "log_to_metric").options(), "metrics");

        OptionSpec item = metrics.items().orElseThrow();
        assertThat(item.types()).containsExactly(ValueType.OBJECT);
        assertThat(item.options()).extracting(OptionSpec::name).contains("field", "kind", "name", "tags");
    }

    @Test
    void renamedComponents_areDeprecatedAliasesThatBorrowTheirTargetsTitleAndEventTypes() {
        ComponentSpec http = component(ComponentKind.SOURCE, "http");
        ComponentSpec httpServer = component(ComponentKind.SOURCE, "http_server");

        assertThat(http.aliasOf()).contains("http_server");
        assertThat(http.deprecated()).isTrue();
        assertThat(http.title()).isEqualTo(httpServer.title());
        assertThat(http.outputTypes()).isEqualTo(httpServer.outputTypes()).isNotEmpty();
        assertThat(component(ComponentKind.SINK, "logdna").deprecated()).isTrue();
        assertThat(httpServer.deprecated()).isFalse();
    }

    @Test
    void multiTypedOptions_keepEveryType() {
        long multiTyped = catalog.components().stream().flatMap(c -> c.options().stream()).filter(o -> o.types().size() > 1).count();

        assertThat(multiTyped).isPositive();
    }

    @Test
    void bundled_parsesOncePerJvm_evenWhenAskedFromManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Catalog> ask = () -> JsonCatalogSource.bundled().catalog();
            List<Future<Catalog>> answers = pool.invokeAll(List.of(ask, ask, ask, ask, ask, ask, ask, ask));
            for (Future<Catalog> answer : answers) {
                assertThat(answer.get()).isSameAs(catalog);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCatalogFile_canBeLoadedFromAPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("components.json");
        try (InputStream in = JsonCatalogSource.class.getResourceAsStream(JsonCatalogSource.BUNDLED_RESOURCE)) {
            Files.copy(in, file);
        }

        Catalog fromFile = new JsonCatalogSource(file).catalog();

        assertThat(fromFile.components()).hasSize(130);
        assertThat(fromFile.components()).isEqualTo(catalog.components());
    }

    @Test
    void theMplNotices_shipBesideTheDataFiles() {
        assertThat(JsonCatalogSource.class.getResource("/dev/vectorflow/adapter/vector/catalog/NOTICE-components.md")).isNotNull();
        assertThat(JsonCatalogSource.class.getResource("/dev/vectorflow/adapter/vector/catalog/vrl-functions.json")).isNotNull();
        assertThat(JsonCatalogSource.class.getResource("/dev/vectorflow/adapter/vector/catalog/NOTICE-vrl-functions.md")).isNotNull();
    }

    private static JsonCatalogSource fromText(String json) {
        return new JsonCatalogSource(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String catalogWith(String componentJson) {
        return """
                {"_about": {"vector_version": "0.57.0"}, "global_options": [], "common_options": {"sink": []},
                 "components": [%s]}""".formatted(componentJson);
    }

    @Test
    void aSmallCatalog_isReadWithDefaultsForWhatItLeavesOut() {
        Catalog small = fromText(catalogWith("""
                {"kind": "sink", "type": "blackhole", "status": "stable", "options": [
                  {"name": "rate", "type": ["uint", "float"], "required": false, "default": 2.5},
                  {"name": "print_interval_secs", "type": "uint", "required": false, "default": 1, "unit": "seconds", "future_field": 1}]}
                """)).catalog();

        ComponentSpec blackhole = small.find(ComponentKind.SINK, "blackhole").orElseThrow();
        assertThat(blackhole.title()).isEqualTo("blackhole");
        assertThat(blackhole.description()).isEmpty();
        assertThat(blackhole.inputTypes()).isEmpty();
        assertThat(option(blackhole.options(), "rate").types()).containsExactlyInAnyOrder(ValueType.UINT, ValueType.FLOAT);
        assertThat(option(blackhole.options(), "rate").defaultValue()).isEqualTo(2.5);
        assertThat(option(blackhole.options(), "print_interval_secs").defaultValue()).isEqualTo(1L);
        assertThat(small.commonOptions(ComponentKind.SOURCE)).isEmpty();
    }

    @Test
    void aFileThatIsNotJson_isRejectedWithItsLine() {
        assertThatThrownBy(() -> fromText("{\n  \"components\": [\n  oops\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON at line 3");
    }

    @Test
    void anOptionWithoutType_isRejectedNamingTheComponentAndOption() {
        assertThatThrownBy(() -> fromText(catalogWith("""
                {"kind": "source", "type": "stdin", "status": "stable", "options": [{"name": "decoding", "required": false}]}""")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source 'stdin'")
                .hasMessageContaining("option 'decoding'")
                .hasMessageContaining("'type' is missing");
    }

    @Test
    void unknownValueTypesKindsAndEventTypes_areRejected() {
        assertThatThrownBy(() -> fromText(catalogWith("""
                {"kind": "source", "type": "stdin", "status": "stable", "options": [{"name": "x", "type": "duration", "required": false}]}""")))
                .hasMessageContaining("unknown value type 'duration'");
        assertThatThrownBy(() -> fromText(catalogWith("""
                {"kind": "pipe", "type": "stdin", "status": "stable", "options": []}""")))
                .hasMessageContaining("unknown component kind 'pipe'");
        assertThatThrownBy(() -> fromText(catalogWith("""
                {"kind": "source", "type": "stdin", "status": "stable", "output_event_types": ["spans"], "options": []}""")))
                .hasMessageContaining("unknown event type 'spans'");
    }

    @Test
    void variants_areReadAsListsOfFields_orAsRequiredAndOptionalFields() {
        Catalog small = fromText(catalogWith("""
                {"kind": "sink", "type": "blackhole", "status": "stable", "options": [
                  {"name": "auth", "type": "object", "required": false, "note": "one of two",
                   "variants": [["user", "password"], {"required": ["token"], "optional": ["scheme"]}, []],
                   "options": [{"name": "user", "type": "string", "required": false}, {"name": "password", "type": "string", "required": false},
                               {"name": "token", "type": "string", "required": false}, {"name": "scheme", "type": "string", "required": false}]}]}
                """)).catalog();

        OptionSpec auth = small.find(ComponentKind.SINK, "blackhole").orElseThrow().options().getFirst();
        assertThat(auth.variants()).containsExactly(new OptionSpec.Variant(Set.of("user", "password"), Set.of()),
                new OptionSpec.Variant(Set.of("token"), Set.of("scheme")), new OptionSpec.Variant(Set.of(), Set.of()));
        assertThat(auth.note()).contains("one of two");
        assertThat(auth.variantFields()).containsExactly("password", "scheme", "token", "user");
        assertThatThrownBy(() -> fromText(catalogWith("""
                {"kind": "sink", "type": "blackhole", "status": "stable", "options": [{"name": "auth", "type": "object", "required": false,
                 "variants": [["nobody"]], "options": [{"name": "user", "type": "string", "required": false}]}]}""")))
                .hasMessageContaining("variants[0] names 'nobody', which is not an option of this object");
    }

    @Test
    void theBundledCatalog_carriesVectorFlowsCorrectionsOfUnionObjects() {
        OptionSpec s3Auth = catalog.find(ComponentKind.SINK, "aws_s3").orElseThrow().options().stream()
                .filter(o -> o.name().equals("auth")).findFirst().orElseThrow();
        assertThat(s3Auth.variants()).contains(new OptionSpec.Variant(Set.of("access_key_id", "secret_access_key"),
                Set.of("session_token", "assume_role", "external_id", "region", "session_name")));
        assertThat(s3Auth.options()).noneMatch(OptionSpec::required);
        OptionSpec buffer = catalog.commonOptions(ComponentKind.SINK).stream().filter(o -> o.name().equals("buffer")).findFirst().orElseThrow();
        assertThat(buffer.types()).contains(ValueType.OBJECT, ValueType.ARRAY);
        assertThat(buffer.items().orElseThrow().options()).extracting(OptionSpec::name).contains("type", "max_size", "max_events");
        OptionSpec fluentMode = catalog.find(ComponentKind.SOURCE, "fluent").orElseThrow().options().stream()
                .filter(o -> o.name().equals("mode")).findFirst().orElseThrow();
        assertThat(fluentMode.required()).isFalse();
        assertThat(fluentMode.defaultValue()).isEqualTo("tcp");
    }

    @Test
    void aCatalogWithoutComponentsOrVersion_isRejected() {
        assertThatThrownBy(() -> fromText("{\"_about\": {\"vector_version\": \"0.57.0\"}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'components' is missing");
        assertThatThrownBy(() -> fromText("{\"_about\": {}, \"components\": []}"))
                .hasMessageContaining("'vector_version' is missing");
        assertThatThrownBy(() -> fromText("[]")).hasMessageContaining("must be a JSON object");
    }

    @Test
    void defaultValuesOfTheCatalog_cannotBeChangedByItsUsers() {
        Object exclude = option(component(ComponentKind.SOURCE, "file").options(), "exclude").defaultValue();

        assertThat(exclude).isInstanceOf(List.class);
        assertThatThrownBy(() -> ((List<?>) exclude).clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
