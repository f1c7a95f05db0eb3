package dev.vectorflow.adapter.vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Config trees for the codec tests, built as the core's renderer builds them (ordered maps, plain values). */
final class ConfigTrees {

    private ConfigTrees() {
    }

    /** An ordered map from alternating keys and values. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A mutable list that may hold nulls. */
    static List<Object> list(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    static final String VRL = """
            . = parse_json!(string!(.message))
            .level = downcase(string(.level) ?? "info")
            if match(string!(.path), r'^/api/v\\d+/') {
              .api = true
            }
            """;

    /** A small pipeline: file source -> remap -> route -> console. */
    static Map<String, Object> smallPipeline() {
        return map(
                "sources", map("app_logs", map("type", "file", "include", list("/var/log/app/*.log"))),
                "transforms", map(
                        "parse", map("type", "remap", "inputs", list("app_logs"), "source", VRL),
                        "by_level", map("type", "route", "inputs", list("parse"), "route", map("errors", ".level == \"error\""))),
                "sinks", map("out", map("type", "console", "inputs", list("by_level.errors"), "encoding", map("codec", "json"))));
    }

    /** Everything a tree may hold that is awkward for one format or another; no nulls (TOML has none). */
    static Map<String, Object> representative() {
        return map(
                "data_dir", "/var/lib/vector/",
                "api", map("enabled", true, "address", "127.0.0.1:8686"),
                "acknowledgements", map("enabled", false),
                "sources", map(
                        "app_logs", map(
                                "type", "file",
                                "include", list("/var/log/app/*.log", "C:\\logs\\*.log"),
                                "exclude", list(),
                                "read_from", "beginning",
                                "max_line_bytes", 102400L,
                                "glob_minimum_cooldown_ms", 0L,
                                "line_delimiter", "\n",
                                "multiline", map("start_pattern", "^\\d{4}-", "mode", "halt_before", "timeout_ms", 1000L)),
                        "metrics-in", map("type", "internal_metrics", "scrape_interval_secs", 1.5, "namespace", "")),
                "transforms", map(
                        "parse", map(
                                "type", "remap",
                                "inputs", list("app_logs"),
                                "source", VRL,
                                "drop_on_error", false,
                                "reroute_dropped", true),
                        "quoting", map(
                                "type", "remap",
                                "inputs", list("parse.dropped"),
                                "source", ".a = \"x\"\n.b = 'y'\n.c = '''z'''\n.d = \"\"\"w\"\"\"\n.e = \"tab\there\"",
                                "no_trailing_newline", "first line\nsecond line",
                                "indented_first_line", "  indented\nnot indented\n",
                                "blank_lines", "\n\nafter two blank lines\n\n\n",
                                "carriage_return", "windows\r\nline",
                                "trailing_space", "trailing space \nnext",
                                "tabs", "if .a {\n\t.b = 1\t\n}\n",
                                "starts_with_tab", "\tfirst\nsecond",
                                "blank_line_with_spaces", "a\n   \nb\n",
                                "blank_line_with_tab", "a\n\t\nb",
                                "last_line_spaces", "a\n   ",
                                "only_line_feed", "\n",
                                "only_line_feeds", "\n\n",
                                "hash_lines", "# comment\n--- not a document\n... nor an end\n",
                                "unicode_block", "grüße\n日本語 🚀\n",
                                "in_a_list", list("  indented\nlist item\n", "plain\nblock", map("vrl", " x\n y"))),
                        "by_level", map(
                                "type", "route",
                                "inputs", list("parse"),
                                "reroute_unmatched", true,
                                "route", map(
                                        "errors", ".level == \"error\"",
                                        "warnings", map("type", "vrl", "source", ".level == \"warn\"")))),
                "sinks", map(
                        "loki", map(
                                "type", "loki",
                                "inputs", list("by_level.errors", "by_level.warnings"),
                                "endpoint", "http://loki:3100",
                                "labels", map("app", "{{ app }}", "env", "production", "host.name", "{{ host }}", "ünïcödé", "ja 日本語 ✓ 🚀"),
                                "encoding", map("codec", "json", "except_fields", list()),
                                "auth", map("strategy", "basic", "user", "vector", "password", "SECRET[loki.password]"),
                                "healthcheck", false,
                                "buffer", map("type", "disk", "max_size", 268435488L, "when_full", "block")),
                        "lookalikes", map(
                                "type", "blackhole",
                                "inputs", list("by_level._unmatched"),
                                "strings", list("true", "false", "yes", "no", "on", "off", "y", "n", "True", "null", "Null", "~", "",
                                        "123", "-1", "+1", "1.5", "1e3", ".5", "0x1F", "0o17", "0b101", "1_000", ".inf", "-.inf", ".nan",
                                        "12:30", "2024-01-01", "2024-01-01T10:00:00Z", "0.57.0", "0.0.0.0:9598", "<<", "=", "- dash", "key: value",
                                        "# hash", "a #b", "*star", "&amp", "!bang", "%percent", "@at", "`tick", "|", ">", "?", "[x]", "{y}",
                                        "'single'", "\"double\"", " lead", "trail ", "\ttab", "a'b\"c", "back\\slash", "nul\u0000char",
                                        "line\u2028separator", "bell\u0007"),
                                "numbers", list(0L, -42L, Long.MAX_VALUE, Long.MIN_VALUE, 0.1, -2.5e-7, 1.0e21, 3.0),
                                "booleans", list(true, false),
                                "nested", list(list(1L, "a"), list(), list(map("k", "v"))),
                                "objects", list(map("name", "first", "value", 1L), map("name", "second", "tags", map("a", "b"))),
                                "empty_object", map(),
                                "rate", 10L)));
    }
}
