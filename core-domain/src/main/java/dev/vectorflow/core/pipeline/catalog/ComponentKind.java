package dev.vectorflow.core.pipeline.catalog;

import java.util.Locale;

/** What a Vector component does: produce events, change them, or send them out. */
public enum ComponentKind {
    SOURCE, TRANSFORM, SINK;

    /** The top-level key of a Vector config holding this kind: {@code sources}, {@code transforms}, {@code sinks}. */
    public String section() {
        return name().toLowerCase(Locale.ROOT) + "s";
    }

    /** The kind as Vector writes it: {@code source}, {@code transform}, {@code sink}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ComponentKind fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
