package dev.vectorflow.adapter.vector.process;

import dev.vectorflow.ports.protocol.ComponentMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Vector's Prometheus exposition text ({@code internal_metrics} through {@code prometheus_exporter}) into
 * per-component counters, summing the series of one component (e.g. one per named {@code output}).
 */
final class PrometheusText {

    private static final String RECEIVED = "component_received_events_total";
    private static final String RECEIVED_BYTES = "component_received_event_bytes_total";
    private static final String SENT = "component_sent_events_total";
    private static final String SENT_BYTES = "component_sent_event_bytes_total";
    private static final String ERRORS = "component_errors_total";
    private static final String DISCARDED = "component_discarded_events_total";
    private static final List<String> NAMES = List.of(RECEIVED, RECEIVED_BYTES, SENT, SENT_BYTES, ERRORS, DISCARDED);

    private PrometheusText() {
    }

    /** One sample line: metric name, labels, value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    static List<ComponentMetrics> componentMetrics(String text) {
        Map<String, long[]> byComponent = new LinkedHashMap<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        for (Sample s : parse(text)) {
            String id = s.labels().get("component_id");
            if (id == null) {
                continue;
            }
            int index = metricIndex(s.name());
            if (index < 0) {
                continue;
            }
            kinds.putIfAbsent(id, s.labels().getOrDefault("component_kind", ""));
            byComponent.computeIfAbsent(id, k -> new long[NAMES.size()])[index] += (long) s.value();
        }
        List<ComponentMetrics> out = new ArrayList<>();
        byComponent.forEach((id, v) -> out.add(new ComponentMetrics(id, kinds.get(id), v[0], v[2], v[1], v[3], v[4], v[5])));
        return out;
    }

    /** Matches a metric whatever its namespace ({@code vector_} by default). */
    private static int metricIndex(String name) {
        for (int i = 0; i < NAMES.size(); i++) {
            String n = NAMES.get(i);
            if (name.equals(n) || name.endsWith("_" + n)) {
                return i;
            }
        }
        return -1;
    }

    static List<Sample> parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Sample s = parseLine(line);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private static Sample parseLine(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        int rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            int i = brace + 1;
            while (i < line.length() && line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                    return null;
                }
                String key = line.substring(i, eq).strip();
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                while (j < line.length() && line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\' && j + 1 < line.length()) {
                        char next = line.charAt(++j);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                    j++;
                }
                labels.put(key, value.toString());
                i = j + 1;
                if (i < line.length() && line.charAt(i) == ',') {
                    i++;
                }
            }
            rest = i + 1;
        } else {
            if (space < 0) {
                return null;
            }
            name = line.substring(0, space);
            rest = space;
        }
        if (rest > line.length()) {
            return null;
        }
        String[] parts = line.substring(rest).strip().split("\\s+");
        try {
            return new Sample(name, labels, Double.parseDouble(parts[0]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
