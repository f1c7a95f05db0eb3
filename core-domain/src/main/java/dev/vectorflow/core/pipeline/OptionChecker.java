package dev.vectorflow.core.pipeline;

import dev.vectorflow.core.pipeline.catalog.OptionSpec;
import dev.vectorflow.core.pipeline.catalog.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a component's option tree against the catalog: unknown keys, missing required options
 * (where they are relevant), value types, enum values, and secrets given as literals.
 */
final class OptionChecker {

    /** {@code SECRET[name]}: the only accepted form for sensitive options. */
    static final Pattern SECRET_REFERENCE = Pattern.compile("SECRET\\[([A-Za-z0-9][A-Za-z0-9_.-]{0,99})]");
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
                problems.add(Problem.error(component, childPath, "'" + key + "' is not an option here" + knownOptions(specs)));
                continue;
            }
            checkValue(childPath, entry.getValue(), spec.get());
        }
        for (OptionSpec spec : specs) {
            if (spec.required() && !spec.wildcard() && !present(value, spec) && relevant(spec, value)) {
                String childPath = path.isEmpty() ? spec.name() : path + "." + spec.name();
                problems.add(Problem.error(component, childPath, "the required option '" + spec.name() + "' is missing"));
            }
        }
    }

    private static String knownOptions(List<OptionSpec> specs) {
        List<String> names = specs.stream().filter(s -> !s.hidden() && !s.wildcard()).map(OptionSpec::name).sorted().toList();
        if (names.isEmpty()) {
            return "";
        }
        return names.size() <= 12 ? " (known: " + String.join(", ", names) + ")" : " (see the catalog for the " + names.size() + " options)";
    }

    private static boolean present(Map<?, ?> value, OptionSpec spec) {
        if (value.get(spec.name()) != null) {
            return true;
        }
        return spec.aliases().stream().anyMatch(a -> value.get(a) != null);
    }

    /** Whether {@code relevant_when} (e.g. {@code codec = "json"}) holds among the siblings; unknown forms count as relevant only when stated explicitly. */
    private static boolean relevant(OptionSpec spec, Map<?, ?> siblings) {
        if (spec.relevantWhen().isEmpty()) {
            return true;
        }
        Matcher m = RELEVANT_WHEN.matcher(spec.relevantWhen().get());
        if (!m.matches()) {
            return false;
        }
        Object actual = siblings.get(m.group(1));
        return actual != null && String.valueOf(actual).equals(m.group(2));
    }

    void checkValue(String path, Object value, OptionSpec spec) {
        if (value == null) {
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
                case UINT -> integral(value) && ((Number) value).longValue() >= 0;
                case INT -> integral(value);
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
                || value instanceof java.math.BigInteger;
    }

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
