package dev.vectorflow.core.pipeline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How secret references look in a stored graph ({@code SECRET[name]}) and in a rendered Vector
 * config ({@code SECRET[vectorflow.name]}: Vector's syntax for key {@code name} of the secret
 * backend {@code vectorflow} that the agent provides). A pipeline may also define its own secret
 * backends (the top-level {@code secret} section of its file): references to those
 * ({@code SECRET[backend.key]}) are Vector's to resolve and stay exactly as written.
 */
public final class SecretReferences {

    /** The secret backend the agent serves to Vector. */
    public static final String BACKEND = "vectorflow";
    private static final Pattern IN_GRAPH = Pattern.compile("SECRET\\[(?!" + BACKEND + "\\.)([A-Za-z0-9][A-Za-z0-9_.-]{0,99})]");
    private static final Pattern IN_CONFIG = Pattern.compile("SECRET\\[" + BACKEND + "\\.([A-Za-z0-9][A-Za-z0-9_.-]{0,99})]");

    private SecretReferences() {
    }

    /** {@code SECRET[name]} becomes {@code SECRET[vectorflow.name]}, wherever it stands in the text. */
    public static String toConfig(String text) {
        return toConfig(text, Set.of());
    }

    /** As {@link #toConfig(String)}, leaving references to the pipeline's own {@code backends} as they are. */
    public static String toConfig(String text, Set<String> backends) {
        if (!text.contains("SECRET[")) {
            return text;
        }
        return IN_GRAPH.matcher(text).replaceAll(m -> Matcher.quoteReplacement(ownBackend(m.group(1), backends) ? m.group()
                : "SECRET[" + BACKEND + "." + m.group(1) + "]"));
    }

    private static boolean ownBackend(String name, Set<String> backends) {
        int dot = name.indexOf('.');
        return dot > 0 && backends.contains(name.substring(0, dot));
    }

    /** The ids of the secret backends a graph defines itself (its {@code secret} global option). */
    public static Set<String> backendsOf(PipelineGraph graph) {
        return graph.globalOptions().get(ConfigRenderer.SECRET_BACKENDS) instanceof Map<?, ?> backends
                ? backends.keySet().stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet()) : Set.of();
    }

    /** The inverse of {@link #toConfig}, for imported files. */
    public static String toGraph(String text) {
        return text.contains("SECRET[") ? IN_CONFIG.matcher(text).replaceAll(m -> Matcher.quoteReplacement("SECRET[" + m.group(1) + "]")) : text;
    }

    /** The secret names a text references ({@code SECRET[name]} form), leaving out references to the pipeline's own {@code backends}. */
    public static List<String> namesIn(String text, Set<String> backends) {
        List<String> names = new ArrayList<>();
        Matcher m = IN_GRAPH.matcher(text);
        while (m.find()) {
            if (!ownBackend(m.group(1), backends)) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
