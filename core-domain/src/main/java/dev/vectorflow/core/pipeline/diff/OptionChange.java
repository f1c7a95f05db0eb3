package dev.vectorflow.core.pipeline.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One difference in an option tree: the value at {@code path} went from {@code oldValue} to
 * {@code newValue}, where null means absent (a whole sub-object added or removed is one change).
 *
 * <p>The two values are never the same tree: whole numbers compare by value ({@code Integer 5}
 * equals {@code Long 5}), a map entry holding null counts as absent. Values are kept as deep,
 * unmodifiable copies.
 */
public record OptionChange(OptionPath path, Object oldValue, Object newValue) {

    public OptionChange {
        Objects.requireNonNull(path, "path");
        if (OptionTree.sameValue(oldValue, newValue)) {
            throw new IllegalArgumentException("'newValue' must differ from 'oldValue' at '" + path + "' but both were " + oldValue);
        }
        oldValue = OptionTree.frozen(oldValue);
        newValue = OptionTree.frozen(newValue);
    }

    /**
     * The changes that turn one option map into another, in path order: maps are compared key by
     * key, lists index by index (extra elements are added or removed at their index), anything
     * else, or a value whose type changed, as one change at its path.
     */
    public static List<OptionChange> between(Map<String, ?> from, Map<String, ?> to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        List<OptionChange> changes = new ArrayList<>();
        OptionTree.collectChanges(from, to, changes);
        return List.copyOf(changes);
    }

    /** Whether the value did not exist before. */
    public boolean isAddition() {
        return oldValue == null;
    }

    /** Whether the value no longer exists. */
    public boolean isRemoval() {
        return newValue == null;
    }
}
