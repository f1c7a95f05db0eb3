package dev.vectorflow.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Environment variables in config text, as Vector reads them: {@code ${NAME}}, {@code ${NAME:-default}}, {@code
 * ${NAME-default}}, {@code ${NAME:?error}}, {@code ${NAME?error}} and {@code $NAME}; {@code $$} is a literal {@code $}.
 * The details are in docs/architecture.md, "Notes on the code".
 */
public final class EnvironmentVariables {

    /** The first line of a rendered config that needs environment variables (then the names, comma separated). */
    public static final String HEADER_PREFIX = "# vectorflow: needs environment variables (Vector runs with --dangerously-allow-env-var-interpolation): ";

    private static final String NAME = "[A-Za-z0-9_]+";
    private static final String BRACED = "\\$\\{(" + NAME + ")(?:(?::?-|:?\\?)[^}]*)?}";
    private static final Pattern ANY_REFERENCE = Pattern.compile("\\$\\$|" + BRACED + "|\\$(" + NAME + ")");
    private static final Pattern WHOLE = Pattern.compile(BRACED + "|\\$(" + NAME + ")");

    private EnvironmentVariables() {
    }

    /** The variable when the whole text is one reference ({@code ${N}}, {@code ${N:-10}}, {@code $N}). */
    public static Optional<String> wholeReference(String text) {
        Matcher m = WHOLE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) != null ? m.group(1) : m.group(2));
    }

    /** The variables of the braced references in a text ({@code $$} escapes skipped). */
    public static List<String> bracedIn(String text) {
        return referencesIn(text, true);
    }

    /** The variables Vector substitutes in a text when interpolation is on: braced and bare references. */
    public static List<String> substitutedIn(String text) {
        return referencesIn(text, false);
    }

    private static List<String> referencesIn(String text, boolean bracedOnly) {
        List<String> names = new ArrayList<>();
        if (text.indexOf('$') < 0) {
            return names;
        }
        Matcher m = ANY_REFERENCE.matcher(text);
        while (m.find()) {
            if (m.group(1) != null) {
                names.add(m.group(1));
            } else if (m.group(2) != null && !bracedOnly) {
                names.add(m.group(2));
            }
        }
        return names;
    }

    /** The variables the active components and global options of a graph need, sorted. */
    public static Set<String> of(PipelineGraph graph) {
        Set<String> names = new TreeSet<>();
        for (PipelineComponent c : graph.components()) {
            if (!c.disabled()) {
                collect(c.options(), names);
            }
        }
        collect(graph.globalOptions(), names);
        return names;
    }

    private static void collect(Object value, Set<String> names) {
        switch (value) {
            case String s -> {
                names.addAll(bracedIn(s));
                wholeReference(s).ifPresent(names::add);
            }
            case Map<?, ?> map -> map.values().forEach(v -> collect(v, names));
            case List<?> list -> list.forEach(v -> collect(v, names));
            case null, default -> { }
        }
    }

    /** The comment line a rendered config starts with when it needs variables; empty when it needs none. */
    public static Optional<String> header(Set<String> names) {
        return names.isEmpty() ? Optional.empty() : Optional.of(HEADER_PREFIX + String.join(", ", names));
    }

    /**
     * Rendered YAML or TOML text with the header line first when the graph needs variables (JSON has no comments: it is
     * left as it is).
     */
    public static String withHeader(PipelineGraph graph, String text, boolean commentsAllowed) {
        if (!commentsAllowed) {
            return text;
        }
        return header(of(graph)).map(h -> h + "\n" + text).orElse(text);
    }

    /** The variables a rendered config's first line says it needs (none without that line). */
    public static Set<String> fromHeader(String configText) {
        int end = configText.indexOf('\n');
        String first = end < 0 ? configText : configText.substring(0, end);
        if (!first.startsWith(HEADER_PREFIX)) {
            return Set.of();
        }
        Set<String> names = new TreeSet<>();
        for (String name : first.substring(HEADER_PREFIX.length()).split(",")) {
            if (name.strip().matches(NAME)) {
                names.add(name.strip());
            }
        }
        return names;
    }
}
