package dev.vectorflow.core.pipeline;

import dev.vectorflow.core.pipeline.catalog.OptionSpec;
import dev.vectorflow.core.pipeline.catalog.ValueType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a component's option tree against the catalog: unknown keys (with the nearest known names),
 * missing required options (where they are relevant), the shapes of union objects (variants), value
 * types (whole numbers up to 2^64 - 1 where Vector takes a u64), enum values, secrets given as
 * literals, and environment variables (warnings: only the node knows their values).
 */
final class OptionChecker {

    /**
     * {@code SECRET[name]} (a secret of the environment) or {@code SECRET[backend.key]} (a key of one of the
     * pipeline's own secret backends, which Vector lets hold '/'): the only accepted forms for sensitive options.
     */
    static final Pattern SECRET_REFERENCE = Pattern.compile("SECRET\\[([A-Za-z0-9][A-Za-z0-9_.-]{0,99}|[A-Za-z0-9_]+\\.[A-Za-z0-9_.\\-/]{1,200})]");
    /** {@code CERT[name]}: a certificate or key of the environment. */
    static final Pattern CERT_REFERENCE = Pattern.compile("CERT\\[([A-Za-z0-9][A-Za-z0-9_.-]{0,99})]");
    private static final Pattern RELEVANT_WHEN = Pattern.compile("\\s*([A-Za-z0-9_.]+)\\s*=\\s*\"([^\"]*)\"\\s*");
    private static final Set<String> CERTIFICATE_FILE_OPTIONS = Set.of("crt_file", "key_file", "ca_file");

    private final ComponentKey component;
    private final List<Problem> problems;

    OptionChecker(ComponentKey component, List<Problem> problems) {
        this.component = component;
        this.problems = problems;
    }

    void checkObject(String path, Map<?, ?> value, List<OptionSpec> specs) {
        for (Map.Entry<?, ?> entry : value.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String childPath = path.isEmpty() ? key : path + "." + key;
            Optional<OptionSpec> spec = OptionSpec.find(specs, key);
            if (spec.isEmpty()) {
                problems.add(Problem.error(component, childPath, "'" + key + "' is not an option here" + OptionNames.hint(key, specs)));
                continue;
            }
            checkValue(childPath, entry.getValue(), spec.get());
        }
        for (OptionSpec spec : specs) {
            if (spec.required() && !spec.wildcard() && !present(value, spec) && relevant(spec, value, specs)) {
                String childPath = path.isEmpty() ? spec.name() : path + "." + spec.name();
                problems.add(Problem.error(component, childPath, "the required option '" + spec.name() + "' is missing"));
            }
        }
    }

    /**
     * An object Vector reads as one of several shapes: the fields given (those relevant here) must
     * fit one variant, with all of its required fields.
     */
    private void checkVariants(String path, Map<?, ?> value, OptionSpec spec) {
        Set<String> bound = spec.variantFields();
        Set<String> given = new TreeSet<>();
        for (Object rawKey : value.keySet()) {
            OptionSpec.find(spec.options(), String.valueOf(rawKey))
                    .filter(child -> bound.contains(child.name()) && relevant(child, value, spec.options()))
                    .ifPresent(child -> given.add(child.name()));
        }
        OptionSpec.Variant closest = null;
        int closestDistance = Integer.MAX_VALUE;
        for (OptionSpec.Variant variant : spec.variants()) {
            Set<String> missing = new TreeSet<>(variant.required());
            missing.removeAll(given);
            Set<String> extra = new TreeSet<>(given);
            extra.removeAll(variant.fields());
            if (missing.isEmpty() && extra.isEmpty()) {
                return;
            }
            boolean related = variant.required().isEmpty() || variant.required().stream().anyMatch(given::contains);
            int distance = missing.size() + extra.size() + (related ? 0 : 100);
            if (distance < closestDistance) {
                closest = variant;
                closestDistance = distance;
            }
        }
        problems.add(Problem.error(component, path, variantProblem(given, closest) + " (Vector reads it as one of: "
                + OptionNames.describeVariants(spec.variants()) + ")"));
    }

    private static String variantProblem(Set<String> given, OptionSpec.Variant closest) {
        if (given.isEmpty() || closest == null) {
            return "needs the fields of one of its shapes";
        }
        Set<String> missing = new TreeSet<>(closest.required());
        missing.removeAll(given);
        Set<String> extra = new TreeSet<>(given);
        extra.removeAll(closest.fields());
        Set<String> chosen = new TreeSet<>(given);
        chosen.retainAll(closest.fields());
        if (!extra.isEmpty() && !chosen.isEmpty()) {
            return OptionNames.quoted(extra) + (extra.size() == 1 ? " does" : " do") + " not go with " + OptionNames.quoted(chosen);
        }
        if (!missing.isEmpty()) {
            return OptionNames.quoted(missing) + (missing.size() == 1 ? " is" : " are") + " required with " + OptionNames.quoted(chosen);
        }
        return OptionNames.quoted(given) + " do not make up one of its shapes";
    }

    private static boolean present(Map<?, ?> value, OptionSpec spec) {
        if (value.get(spec.name()) != null) {
            return true;
        }
        return spec.aliases().stream().anyMatch(a -> value.get(a) != null);
    }

    /**
     * Whether {@code relevant_when} holds among the siblings: {@code a = "x"}, or several such
     * conditions joined by {@code or}; a sibling that is not set counts with its default. A form
     * this reader does not know counts as not relevant, so it never makes an option required.
     */
    private static boolean relevant(OptionSpec spec, Map<?, ?> siblings, List<OptionSpec> siblingSpecs) {
        if (spec.relevantWhen().isEmpty()) {
            return true;
        }
        for (String alternative : spec.relevantWhen().get().split("\\s+or\\s+")) {
            Matcher m = RELEVANT_WHEN.matcher(alternative);
            if (!m.matches()) {
                return false;
            }
            Object actual = siblings.get(m.group(1));
            if (actual == null) {
                actual = OptionSpec.find(siblingSpecs, m.group(1)).filter(s -> !s.wildcard()).map(OptionSpec::defaultValue).orElse(null);
            }
            if (actual != null && String.valueOf(actual).equals(m.group(2))) {
                return true;
            }
        }
        return false;
    }

    void checkValue(String path, Object value, OptionSpec spec) {
        if (value == null) {
            return;
        }
        if (value instanceof String s && fromEnvironment(path, s, spec)) {
            return;
        }
        if (spec.sensitive()) {
            if (!(value instanceof String s) || !SECRET_REFERENCE.matcher(s).matches()) {
                problems.add(Problem.error(component, path, "is a secret: give a SECRET[name] reference to a secret of the environment,"
                        + " never the value itself"));
            }
            return;
        }
        if (value instanceof String s && CERT_REFERENCE.matcher(s).matches() && !CERTIFICATE_FILE_OPTIONS.contains(spec.name())) {
            problems.add(Problem.error(component, path, "CERT[...] references fit only certificate and key file options (crt_file, key_file, ca_file)"));
            return;
        }
        if (!typeAccepts(spec, value)) {
            problems.add(Problem.error(component, path, "must be " + describe(spec.types()) + " but was " + describe(value)));
            return;
        }
        if (value instanceof String s && !spec.acceptedEnumValues().isEmpty() && !spec.acceptedEnumValues().contains(s)) {
            problems.add(Problem.error(component, path, "must be one of " + String.join(", ", spec.enumValues()) + " but was '" + s + "'"));
            return;
        }
        if (value instanceof Map<?, ?> map && spec.types().contains(ValueType.OBJECT) && !spec.options().isEmpty()) {
            checkObject(path, map, spec.options());
            if (!spec.variants().isEmpty()) {
                checkVariants(path, map, spec);
            }
        } else if (value instanceof List<?> list && spec.items().isPresent()) {
            for (int i = 0; i < list.size(); i++) {
                checkValue(path + "[" + i + "]", list.get(i), spec.items().get());
            }
        }
    }

    private static boolean typeAccepts(OptionSpec spec, Object value) {
        for (ValueType type : spec.types()) {
            boolean ok = switch (type) {
                case ANY -> true;
                case STRING, ASCII_CHAR -> value instanceof String;
                case CONDITION -> value instanceof String || value instanceof Map;
                case BOOL -> value instanceof Boolean;
                case UINT -> value instanceof BigInteger big ? big.signum() >= 0 && big.bitLength() <= 64
                        : integral(value) && ((Number) value).longValue() >= 0;
                case INT -> integral(value) && !(value instanceof BigInteger);
                case FLOAT -> value instanceof Number;
                case ARRAY -> value instanceof List;
                case OBJECT -> value instanceof Map || (spec.boolShorthand() && value instanceof Boolean);
            };
            if (ok) {
                return true;
            }
        }
        return false;
    }

    private static boolean integral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger;
    }

    /**
     * Environment variables in a value. A whole reference ({@code ${N}}, {@code ${N:-10}}, {@code $N}) in an
     * option that is not plain text stands for a number, a flag or an enum value that only the node knows: a
     * warning, and the value is not checked further (true). References inside text are a warning too.
     */
    private boolean fromEnvironment(String path, String text, OptionSpec spec) {
        Optional<String> whole = EnvironmentVariables.wholeReference(text);
        boolean plainText = spec.types().contains(ValueType.STRING) && spec.enumValues().isEmpty() && !spec.sensitive();
        if (whole.isPresent() && !plainText) {
            problems.add(Problem.warning(component, path, "'" + text + "' is the environment variable " + whole.get() + " on the node: "
                    + ENVIRONMENT_NOTE + (spec.sensitive() ? "; a SECRET[name] keeps the value in VectorFlow instead" : "")));
            return true;
        }
        List<String> names = EnvironmentVariables.bracedIn(text);
        if (!names.isEmpty()) {
            problems.add(Problem.warning(component, path, "holds the environment variable" + (names.size() == 1 ? " " : "s ")
                    + String.join(", ", new TreeSet<>(names)) + " of the node: " + ENVIRONMENT_NOTE));
        }
        return false;
    }

    /** What every environment warning says about how Vector 0.57 reads the variables. */
    static final String ENVIRONMENT_NOTE = "Vector 0.57 substitutes environment variables only when it runs with"
            + " --dangerously-allow-env-var-interpolation, which VectorFlow's agent passes for this pipeline (set the variable in the"
            + " agent's environment); elsewhere Vector reads the text literally";

    private static String describe(Set<ValueType> types) {
        List<String> words = new ArrayList<>();
        for (ValueType t : types) {
            words.add(switch (t) {
                case STRING -> "a string";
                case ASCII_CHAR -> "a single character";
                case CONDITION -> "a condition (VRL text or an object)";
                case BOOL -> "true or false";
                case UINT -> "a whole number of at least 0";
                case INT -> "a whole number";
                case FLOAT -> "a number";
                case ARRAY -> "a list";
                case OBJECT -> "an object";
                case ANY -> "any value";
            });
        }
        return String.join(" or ", words.stream().sorted().toList());
    }

    static String describe(Object value) {
        return switch (value) {
            case String s -> "the text '" + (s.length() > 60 ? s.substring(0, 60) + "…" : s) + "'";
            case Boolean b -> b.toString();
            case Number n -> n.toString();
            case List<?> l -> "a list";
            case Map<?, ?> m -> "an object";
            default -> value.getClass().getSimpleName();
        };
    }
}
