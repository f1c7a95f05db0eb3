package dev.vectorflow.core.pipeline.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** One Vector component type as the catalog describes it: kind, type name, event types, options. */
public record ComponentSpec(
        ComponentKind kind,
        String type,
        String title,
        String description,
        String status,
        Set<EventType> inputTypes,
        Set<EventType> outputTypes,
        List<OptionSpec> options,
        Optional<String> aliasOf,
        boolean deprecated) {

    public ComponentSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        inputTypes = Set.copyOf(inputTypes);
        outputTypes = Set.copyOf(outputTypes);
        options = List.copyOf(options);
        Objects.requireNonNull(aliasOf, "aliasOf");
    }
}
