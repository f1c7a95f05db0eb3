package dev.vectorflow.core.pipeline.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One configuration option of a component (or of a nested object option), as the catalog
 * describes it. A {@code name} of {@code *} stands for any key (maps such as {@code route}).
 *
 * @param types the accepted value types (some options take a string or a number)
 * @param defaultValue the default as a plain value (String, Boolean, Long, Double, List, Map), or null
 * @param enumValues documented values; {@code acceptedEnumValues} adds aliases and hidden ones
 * @param aliases other key names Vector accepts for this option
 * @param hidden accepted but undocumented
 * @param sensitive the value is a secret (Vector's own secret type, or a credential by name)
 * @param boolShorthand a bare {@code true}/{@code false} may replace the object
 * @param relevantWhen e.g. {@code codec = "json"}: the option only applies then
 * @param options the nested options of an object
 * @param items the spec of each element of an array
 * @param templatable whether the value may hold {@code {{ field }}} templates
 * @param variants for an object Vector reads as one of several shapes (an untagged or externally
 *     tagged union): the shapes; empty for an ordinary object
 * @param note a remark of the catalog on how Vector reads the option, or empty
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
            Set<String> all = new java.util.TreeSet<>(required);
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
        Set<String> all = new java.util.TreeSet<>();
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
