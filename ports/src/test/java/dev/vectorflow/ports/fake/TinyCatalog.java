package dev.vectorflow.ports.fake;

import dev.vectorflow.core.pipeline.catalog.Catalog;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.core.pipeline.catalog.ComponentSpec;
import dev.vectorflow.core.pipeline.catalog.EventType;
import dev.vectorflow.core.pipeline.catalog.OptionSpec;
import dev.vectorflow.core.pipeline.catalog.ValueType;
import dev.vectorflow.ports.out.vector.CatalogSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A catalog of three components (demo_logs, remap, blackhole) for service tests. */
public final class TinyCatalog implements CatalogSource {

    private static final Set<EventType> ALL = Set.of(EventType.LOG, EventType.METRIC, EventType.TRACE);

    private static OptionSpec option(String name, ValueType type, boolean required) {
        return new OptionSpec(name, Set.of(type), required, null, List.of(), Set.of(), Set.of(), false, false, false, false, Optional.empty(),
                List.of(), Optional.empty(), false);
    }

    private final Catalog catalog = new Catalog("0.57.0", List.of(
            new ComponentSpec(ComponentKind.SOURCE, "demo_logs", "Demo logs", "", "stable", Set.of(), Set.of(EventType.LOG),
                    List.of(option("format", ValueType.STRING, true)), Optional.empty(), false),
            new ComponentSpec(ComponentKind.TRANSFORM, "remap", "Remap", "", "stable", ALL, ALL, List.of(option("source", ValueType.STRING, false)),
                    Optional.empty(), false),
            new ComponentSpec(ComponentKind.SINK, "blackhole", "Blackhole", "", "stable", ALL, Set.of(), List.of(), Optional.empty(), false)),
            Map.of(), List.of());

    @Override
    public Catalog catalog() {
        return catalog;
    }
}
