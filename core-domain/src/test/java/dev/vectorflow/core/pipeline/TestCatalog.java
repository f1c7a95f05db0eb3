package dev.vectorflow.core.pipeline;

import dev.vectorflow.core.pipeline.catalog.Catalog;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.core.pipeline.catalog.ComponentSpec;
import dev.vectorflow.core.pipeline.catalog.EventType;
import dev.vectorflow.core.pipeline.catalog.OptionSpec;
import dev.vectorflow.core.pipeline.catalog.ValueType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A small hand-written catalog with the shapes of the real one, for model tests. */
final class TestCatalog {

    private TestCatalog() {
    }

    static OptionSpec option(String name, ValueType type, boolean required, OptionSpec... children) {
        return new OptionSpec(name, Set.of(type), required, null, List.of(), Set.of(), Set.of(), false, false, false, false,
                Optional.empty(), List.of(children), Optional.empty(), false);
    }

    static OptionSpec enumOption(String name, String... values) {
        return new OptionSpec(name, Set.of(ValueType.STRING), false, values[0], List.of(values), Set.of(values), Set.of(), false, false, false,
                false, Optional.empty(), List.of(), Optional.empty(), false);
    }

    static OptionSpec sensitive(String name) {
        return new OptionSpec(name, Set.of(ValueType.STRING), true, null, List.of(), Set.of(), Set.of(), false, false, true, false,
                Optional.empty(), List.of(), Optional.empty(), false);
    }

    static OptionSpec aliased(String name, String alias) {
        return new OptionSpec(name, Set.of(ValueType.STRING), false, null, List.of(), Set.of(), Set.of(alias), false, false, false, false,
                Optional.empty(), List.of(), Optional.empty(), false);
    }

    static OptionSpec array(String name, boolean required, OptionSpec items) {
        return new OptionSpec(name, Set.of(ValueType.ARRAY), required, null, List.of(), Set.of(), Set.of(), false, false, false, false,
                Optional.empty(), List.of(), Optional.of(items), false);
    }

    static OptionSpec relevant(String name, String when) {
        return new OptionSpec(name, Set.of(ValueType.STRING), true, null, List.of(), Set.of(), Set.of(), false, false, false, false,
                Optional.of(when), List.of(), Optional.empty(), false);
    }

    private static final Set<EventType> ALL = Set.of(EventType.LOG, EventType.METRIC, EventType.TRACE);

    static Catalog catalog() {
        OptionSpec string = option("*", ValueType.STRING, true);
        return new Catalog("0.57.0", List.of(
                new ComponentSpec(ComponentKind.SOURCE, "file", "File", "", "stable", Set.of(), Set.of(EventType.LOG),
                        List.of(array("include", true, string), option("read_from", ValueType.STRING, false),
                                option("max_line_bytes", ValueType.UINT, false),
                                option("encoding", ValueType.OBJECT, false, option("charset", ValueType.STRING, false)),
                                option("decoding", ValueType.OBJECT, false, enumOption("codec", "bytes", "json", "protobuf"),
                                        relevant("desc_file", "codec = \"protobuf\""))), Optional.empty(), false),
                new ComponentSpec(ComponentKind.SOURCE, "internal_metrics", "Internal metrics", "", "stable", Set.of(), Set.of(EventType.METRIC),
                        List.of(), Optional.empty(), false),
                new ComponentSpec(ComponentKind.SOURCE, "opentelemetry", "OpenTelemetry", "", "stable", Set.of(), ALL,
                        List.of(), Optional.empty(), false),
                new ComponentSpec(ComponentKind.TRANSFORM, "remap", "Remap", "", "stable", ALL, ALL,
                        List.of(option("source", ValueType.STRING, false), option("file", ValueType.STRING, false),
                                option("reroute_dropped", ValueType.BOOL, false), option("drop_on_error", ValueType.BOOL, false)),
                        Optional.empty(), false),
                new ComponentSpec(ComponentKind.TRANSFORM, "route", "Route", "", "stable", ALL, ALL,
                        List.of(option("reroute_unmatched", ValueType.BOOL, false), option("route", ValueType.OBJECT, false,
                                option("*", ValueType.CONDITION, true))), Optional.empty(), false),
                new ComponentSpec(ComponentKind.TRANSFORM, "log_to_metric", "Log to metric", "", "stable", Set.of(EventType.LOG),
                        Set.of(EventType.METRIC), List.of(), Optional.empty(), false),
                new ComponentSpec(ComponentKind.SINK, "console", "Console", "", "stable", ALL, Set.of(),
                        List.of(option("encoding", ValueType.OBJECT, true, enumOption("codec", "json", "text"))), Optional.empty(), false),
                new ComponentSpec(ComponentKind.SINK, "loki", "Loki", "", "stable", Set.of(EventType.LOG), Set.of(),
                        List.of(option("endpoint", ValueType.STRING, true), aliased("tenant_id", "tenant"),
                                option("auth", ValueType.OBJECT, false, sensitive("password"), option("user", ValueType.STRING, false))),
                        Optional.empty(), false),
                new ComponentSpec(ComponentKind.SINK, "prometheus_exporter", "Prometheus", "", "stable", Set.of(EventType.METRIC), Set.of(),
                        List.of(option("address", ValueType.STRING, false)), Optional.empty(), false),
                new ComponentSpec(ComponentKind.SINK, "splunk_hec_logs", "Splunk", "", "stable", Set.of(EventType.LOG), Set.of(),
                        List.of(sensitive("default_token"), option("endpoint", ValueType.STRING, true)), Optional.empty(), false)),
                Map.of(ComponentKind.SINK, List.of(array("inputs", true, string),
                        new OptionSpec("healthcheck", Set.of(ValueType.OBJECT), false, null, List.of(), Set.of(), Set.of(), false, false, false, true,
                                Optional.empty(), List.of(option("enabled", ValueType.BOOL, false)), Optional.empty(), false)),
                        ComponentKind.TRANSFORM, List.of(array("inputs", true, string))),
                List.of(option("data_dir", ValueType.STRING, false), option("api", ValueType.OBJECT, false,
                        option("enabled", ValueType.BOOL, false), option("address", ValueType.STRING, false)),
                        // Vector's reference lists the component sections among the top-level options too
                        option("sinks", ValueType.OBJECT, false)));
    }
}
