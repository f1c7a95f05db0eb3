package dev.vectorflow.core.pipeline.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One configuration option of a component (or of a nested object option), as the catalog describes it.
 * The details are in docs/architecture.md, "Notes on the code".
 */
public record OptionSpec(
        String name,
        Set<ValueType> types,
        boolean required,
        Object defaultValue,
        List<String> enumValues,
        Set<String> acceptedEnumValues,
        Set<String> aliases,
        boolean hidden,
        boolean deprecated,
        boolean sensitive,
        boolean boolShorthand,
        Optional<String> relevantWhen,
        List<OptionSpec> options,
        Optional<OptionSpec> items,
        boolean templatable,
        List<Variant> variants,
        Optional<String> note) {

    /**
     * One shape of a union object: the fields it needs and the fields it also takes. A field named
     * by some variant goes only with the variants that name it; a field no variant names goes with
     * any. A variant with no fields at all (Vector's {@code []}) is the object with none of them.
     */
    public record Variant(Set<String> required, Set<String> optional) {
        public Variant {
            required = Set.copyOf(required);
            optional = Set.copyOf(optional);
        }

        /** Every field this variant takes. */
        public Set<String> fields() {
            Set<String> all = new TreeSet<>(required);
            all.addAll(optional);
            return all;
        }
    }

    /** An ordinary option (not a union, no note). */
    public OptionSpec(String name, Set<ValueType> types, boolean required, Object defaultValue, List<String> enumValues,
                      Set<String> acceptedEnumValues, Set<String> aliases, boolean hidden, boolean deprecated, boolean sensitive,
                      boolean boolShorthand, Optional<String> relevantWhen, List<OptionSpec> options, Optional<OptionSpec> items,
                      boolean templatable) {
        this(name, types, required, defaultValue, enumValues, acceptedEnumValues, aliases, hidden, deprecated, sensitive, boolShorthand,
                relevantWhen, options, items, templatable, List.of(), Optional.empty());
    }

    public OptionSpec {
        Objects.requireNonNull(name, "name");
        types = Set.copyOf(types);
        enumValues = List.copyOf(enumValues);
        acceptedEnumValues = Set.copyOf(acceptedEnumValues);
        aliases = Set.copyOf(aliases);
        Objects.requireNonNull(relevantWhen, "relevantWhen");
        options = List.copyOf(options);
        Objects.requireNonNull(items, "items");
        variants = List.copyOf(variants);
        Objects.requireNonNull(note, "note");
    }

    /** The fields some variant names (they go only with the variants naming them). */
    public Set<String> variantFields() {
        Set<String> all = new TreeSet<>();
        variants.forEach(v -> all.addAll(v.fields()));
        return all;
    }

    public boolean wildcard() {
        return name.equals("*");
    }

    /** The nested option called {@code key} (or one of its aliases, or the wildcard). */
    public Optional<OptionSpec> child(String key) {
        return OptionSpec.find(options, key);
    }

    /** Finds the option named {@code key} (or aliased so) among {@code specs}, else a wildcard spec. */
    public static Optional<OptionSpec> find(List<OptionSpec> specs, String key) {
        for (OptionSpec spec : specs) {
            if (spec.name().equals(key) || spec.aliases().contains(key)) {
                return Optional.of(spec);
            }
        }
        return specs.stream().filter(OptionSpec::wildcard).findFirst();
    }
}
