package dev.vectorflow.core.preview;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a change does to real events: compares, sink by sink, the events the deployed ("before") and the draft ("after")
 * config wrote when both ran on the same input. Events are matched by the sequence number the server gave each input
 * event ({@value #SEQUENCE_FIELD}, taken out before comparing); an output event without it is matched by its position.
 * Pure: it never interprets VRL, it only compares what a real Vector wrote.
 */
public final class PreviewComparison {

    /** The field the server adds to every input event so that outputs can be traced back to it. */
    public static final String SEQUENCE_FIELD = "vf_preview_seq";
    /** At most this many field changes are listed per sink and kind (added, removed, changed). */
    public static final int MAX_FIELDS = 200;
    /** Example values are cut to this many characters. */
    public static final int MAX_EXAMPLE = 200;

    private PreviewComparison() {
    }

    /** The comparison of every sink named in either run (sinks in {@code sinkIds} order, then any other). */
    public static PreviewDiff compare(List<String> sinkIds, int inputEvents, Map<String, List<Object>> before, Map<String, List<Object>> after) {
        Set<String> sinks = new LinkedHashSet<>(sinkIds);
        sinks.addAll(new TreeMap<>(before).keySet());
        sinks.addAll(new TreeMap<>(after).keySet());
        List<SinkDiff> diffs = new ArrayList<>();
        Map<Integer, Set<String>> reachedBefore = new TreeMap<>();
        Map<Integer, Set<String>> reachedAfter = new TreeMap<>();
        for (String sink : sinks) {
            Map<String, Map<String, Object>> was = keyed(before.getOrDefault(sink, List.of()), sink, reachedBefore);
            Map<String, Map<String, Object>> now = keyed(after.getOrDefault(sink, List.of()), sink, reachedAfter);
            diffs.add(sinkDiff(sink, was, now));
        }
        List<EventRoute> routes = new ArrayList<>();
        for (int seq = 0; seq < inputEvents; seq++) {
            routes.add(new EventRoute(seq, List.copyOf(reachedBefore.getOrDefault(seq, Set.of())), List.copyOf(reachedAfter.getOrDefault(seq, Set.of()))));
        }
        return new PreviewDiff(inputEvents, diffs, routes);
    }

    private static SinkDiff sinkDiff(String sink, Map<String, Map<String, Object>> was, Map<String, Map<String, Object>> now) {
        int dropped = 0;
        int matched = 0;
        Map<String, FieldStats> added = new TreeMap<>();
        Map<String, FieldStats> removed = new TreeMap<>();
        Map<String, FieldStats> changed = new TreeMap<>();
        for (Map.Entry<String, Map<String, Object>> e : was.entrySet()) {
            Map<String, Object> other = now.get(e.getKey());
            if (other == null) {
                dropped++;
                continue;
            }
            matched++;
            Map<String, Object> a = e.getValue();
            for (Map.Entry<String, Object> f : other.entrySet()) {
                if (!a.containsKey(f.getKey())) {
                    added.computeIfAbsent(f.getKey(), k -> new FieldStats()).count(null, f.getValue());
                } else if (!Objects.equals(a.get(f.getKey()), f.getValue())) {
                    changed.computeIfAbsent(f.getKey(), k -> new FieldStats()).count(a.get(f.getKey()), f.getValue());
                }
            }
            for (Map.Entry<String, Object> f : a.entrySet()) {
                if (!other.containsKey(f.getKey())) {
                    removed.computeIfAbsent(f.getKey(), k -> new FieldStats()).count(f.getValue(), null);
                }
            }
        }
        int appeared = (int) now.keySet().stream().filter(k -> !was.containsKey(k)).count();
        return new SinkDiff(sink, was.size(), now.size(), dropped, appeared, matched, changes(added), changes(removed), changes(changed));
    }

    private static List<FieldChange> changes(Map<String, FieldStats> stats) {
        return stats.entrySet().stream().limit(MAX_FIELDS)
                .map(e -> new FieldChange(e.getKey(), e.getValue().events, e.getValue().before, e.getValue().after)).toList();
    }

    /** Events of one sink by their key (the sequence number, or {@code #position}), flattened, the sequence field taken out. */
    private static Map<String, Map<String, Object>> keyed(List<Object> events, String sink, Map<Integer, Set<String>> reached) {
        Map<String, Map<String, Object>> keyed = new LinkedHashMap<>();
        int position = 0;
        for (Object event : events) {
            Map<String, Object> flat = new TreeMap<>();
            flatten("", event, flat);
            Object seq = flat.remove("." + SEQUENCE_FIELD);
            Integer sequence = sequence(seq);
            String key = sequence != null ? String.valueOf(sequence) : "#" + position;
            if (keyed.containsKey(key)) {
                key = key + "/" + position; // one input event became several (a split, a route to the same sink twice)
            }
            keyed.put(key, flat);
            if (sequence != null) {
                reached.computeIfAbsent(sequence, s -> new LinkedHashSet<>()).add(sink);
            }
            position++;
        }
        return keyed;
    }

    private static Integer sequence(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 0 && n.doubleValue() < 1_000_000) {
            return n.intValue();
        }
        return null;
    }

    /** Nested objects become {@code .a.b} paths; arrays and scalars are values. The whole event, if not an object, is path {@code .}. */
    static void flatten(String prefix, Object value, Map<String, Object> into) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                flatten(prefix + "." + e.getKey(), e.getValue(), into);
            }
        } else {
            into.put(prefix.isEmpty() ? "." : prefix, value);
        }
    }

    static String example(Object value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return text.length() > MAX_EXAMPLE ? text.substring(0, MAX_EXAMPLE) + "…" : text;
    }

    private static final class FieldStats {
        private int events;
        private String before;
        private String after;

        void count(Object was, Object now) {
            if (events == 0) {
                before = example(was);
                after = example(now);
            }
            events++;
        }
    }

    /** The comparison: how many events went in, one entry per sink, and which sinks each input event reached before and after. */
    public record PreviewDiff(int inputEvents, List<SinkDiff> sinks, List<EventRoute> routes) {
        public PreviewDiff {
            sinks = List.copyOf(sinks);
            routes = List.copyOf(routes);
        }
    }

    /**
     * One sink: events written before and after, events of before with no counterpart after ({@code dropped}), events
     * after with none before ({@code appeared}), events compared ({@code matched}), and the fields added, removed or
     * changed in the matched events (each with how many events and a first example).
     */
    public record SinkDiff(String sinkId, int eventsBefore, int eventsAfter, int dropped, int appeared, int matched,
                           List<FieldChange> fieldsAdded, List<FieldChange> fieldsRemoved, List<FieldChange> fieldsChanged) {
        public SinkDiff {
            Objects.requireNonNull(sinkId, "sinkId");
            fieldsAdded = List.copyOf(fieldsAdded);
            fieldsRemoved = List.copyOf(fieldsRemoved);
            fieldsChanged = List.copyOf(fieldsChanged);
        }

        /** True when the draft writes exactly what the deployed version wrote to this sink. */
        public boolean unchanged() {
            return dropped == 0 && appeared == 0 && fieldsAdded.isEmpty() && fieldsRemoved.isEmpty() && fieldsChanged.isEmpty();
        }
    }

    /** A field path ({@code .a.b}), in how many matched events it changed, and its first value before and after (null: absent). */
    public record FieldChange(String path, int events, String before, String after) {
    }

    /** The sinks input event {@code sequence} reached with the deployed config and with the draft. */
    public record EventRoute(int sequence, List<String> before, List<String> after) {
        public EventRoute {
            before = List.copyOf(before);
            after = List.copyOf(after);
        }
    }
}
