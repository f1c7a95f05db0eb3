package dev.vectorflow.core.pipeline.catalog;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every component type of one Vector release with its options, the options every component of a
 * kind shares ({@code inputs}, {@code buffer}, ...), and the global options of a config file.
 */
public final class Catalog {

    private final String vectorVersion;
    private final List<ComponentSpec> components;
    private final Map<ComponentKind, List<OptionSpec>> commonOptions;
    private final List<OptionSpec> globalOptions;
    private final Map<String, ComponentSpec> byKey;

    public Catalog(String vectorVersion, List<ComponentSpec> components, Map<ComponentKind, List<OptionSpec>> commonOptions,
                   List<OptionSpec> globalOptions) {
        this.vectorVersion = Objects.requireNonNull(vectorVersion, "vectorVersion");
        this.components = List.copyOf(components);
        this.commonOptions = Map.copyOf(commonOptions);
        this.globalOptions = List.copyOf(globalOptions);
        this.byKey = this.components.stream().collect(Collectors.toUnmodifiableMap(c -> key(c.kind(), c.type()), c -> c, (a, b) -> a));
    }

    private static String key(ComponentKind kind, String type) {
        return kind + ":" + type;
    }

    public String vectorVersion() {
        return vectorVersion;
    }

    public List<ComponentSpec> components() {
        return components;
    }

    public Optional<ComponentSpec> find(ComponentKind kind, String type) {
        return Optional.ofNullable(byKey.get(key(kind, type)));
    }

    /** Options every component of {@code kind} accepts besides its own (e.g. {@code inputs}, {@code buffer}). */
    public List<OptionSpec> commonOptions(ComponentKind kind) {
        return commonOptions.getOrDefault(kind, List.of());
    }

    public List<OptionSpec> globalOptions() {
        return globalOptions;
    }
}
