package dev.vectorflow.core.pipeline.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a value sits in a component's option tree, written dotted with list indices in brackets
 * ({@code decoding.codec}, {@code include[1]}, {@code labels["app.kubernetes.io/name"]}).
 *
 * <p>Paths order segment by segment (map keys by their text, list indices by number, a path before
 * the paths below it), so {@code include[2]} comes before {@code include[10]}.
 */
public record OptionPath(List<Segment> segments) implements Comparable<OptionPath> {

    /** One step down an option tree: into a map by key, or into a list by position. */
    public sealed interface Segment permits Key, Index {
    }

    /** A step into a map entry. */
    public record Key(String name) implements Segment {

        public Key {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A step into a list element, counted from 0. */
    public record Index(int position) implements Segment {

        public Index {
            if (position < 0) {
                throw new IllegalArgumentException("'position' must not be negative but was " + position);
            }
        }
    }

    public OptionPath {
        segments = List.copyOf(Objects.requireNonNull(segments, "segments"));
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("'segments' must not be empty");
        }
    }

    /** The path of a top-level option. */
    public static OptionPath of(String key) {
        return new OptionPath(List.of(new Key(key)));
    }

    /** This path followed by a map key. */
    public OptionPath key(String name) {
        return append(new Key(name));
    }

    /** This path followed by a list index. */
    public OptionPath index(int position) {
        return append(new Index(position));
    }

    private OptionPath append(Segment segment) {
        List<Segment> longer = new ArrayList<>(segments.size() + 1);
        longer.addAll(segments);
        longer.add(segment);
        return new OptionPath(longer);
    }

    @Override
    public int compareTo(OptionPath other) {
        int common = Math.min(segments.size(), other.segments.size());
        for (int i = 0; i < common; i++) {
            int order = compare(segments.get(i), other.segments.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(segments.size(), other.segments.size());
    }

    private static int compare(Segment a, Segment b) {
        return switch (a) {
            case Key ka -> b instanceof Key kb ? ka.name().compareTo(kb.name()) : -1;
            case Index ia -> b instanceof Index ib ? Integer.compare(ia.position(), ib.position()) : 1;
        };
    }

    /** The dotted text; a key that is empty or holds {@code . [ ] " \} or blanks is written {@code ["..."]}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Segment segment : segments) {
            switch (segment) {
                case Index index -> text.append('[').append(index.position()).append(']');
                case Key key when needsQuotes(key.name()) -> text.append("[\"")
                        .append(key.name().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
                case Key key -> text.append(text.isEmpty() ? "" : ".").append(key.name());
            }
        }
        return text.toString();
    }

    private static boolean needsQuotes(String name) {
        if (name.isEmpty()) {
            return true;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == '[' || c == ']' || c == '"' || c == '\\' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }
}
