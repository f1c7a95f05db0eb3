package dev.vectorflow.core.pipeline.diff;

import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.PipelineComponent;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A component present in both versions of a pipeline that differs between them: in kind, type,
 * disabled flag, display name, or options (canvas position is layout only and never counts).
 */
public record ComponentChange(ComponentKey key, Optional<ValueChange<ComponentKind>> kind, Optional<ValueChange<String>> type,
                              Optional<ValueChange<Boolean>> disabled, Optional<ValueChange<String>> displayName,
                              List<OptionChange> options) {

    /** Options changes are put in path order; two changes at one path are refused, as is a change that changes nothing. */
    public ComponentChange {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(disabled, "disabled");
        Objects.requireNonNull(displayName, "displayName");
        options = inPathOrder(Objects.requireNonNull(options, "options"), "options");
        if (kind.isEmpty() && type.isEmpty() && disabled.isEmpty() && displayName.isEmpty() && options.isEmpty()) {
            throw new IllegalArgumentException("a change of component '" + key + "' must change something");
        }
    }

    /** What changed from one version of a component to the next, or empty when nothing but its position did. */
    public static Optional<ComponentChange> between(PipelineComponent from, PipelineComponent to) {
        if (!from.key().equals(to.key())) {
            throw new IllegalArgumentException("'to' must have key '" + from.key() + "' but was '" + to.key() + "'");
        }
        Optional<ValueChange<ComponentKind>> kind = ValueChange.between(from.kind(), to.kind());
        Optional<ValueChange<String>> type = ValueChange.between(from.type(), to.type());
        Optional<ValueChange<Boolean>> disabled = ValueChange.between(from.disabled(), to.disabled());
        Optional<ValueChange<String>> displayName = ValueChange.between(from.displayName(), to.displayName());
        List<OptionChange> options = OptionChange.between(from.options(), to.options());
        if (kind.isEmpty() && type.isEmpty() && disabled.isEmpty() && displayName.isEmpty() && options.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ComponentChange(from.key(), kind, type, disabled, displayName, options));
    }

    static List<OptionChange> inPathOrder(List<OptionChange> changes, String field) {
        List<OptionChange> sorted = new ArrayList<>(changes);
        sorted.sort(Comparator.comparing(OptionChange::path));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).path().equals(sorted.get(i - 1).path())) {
                throw new IllegalArgumentException("'" + field + "' must hold one change per path but '" + sorted.get(i).path()
                        + "' appears twice");
            }
        }
        return List.copyOf(sorted);
    }
}
