package dev.vectorflow.core.pipeline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How secret references look in a stored graph ({@code SECRET[name]}) and in a rendered Vector
 * config ({@code SECRET[vectorflow.name]}: Vector's syntax for key {@code name} of the secret
 * backend {@code vectorflow} that the agent provides).
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
        return text.contains("SECRET[") ? IN_GRAPH.matcher(text).replaceAll(m -> Matcher.quoteReplacement("SECRET[" + BACKEND + "." + m.group(1) + "]")) : text;
    }

    /** The inverse of {@link #toConfig}, for imported files. */
    public static String toGraph(String text) {
        return text.contains("SECRET[") ? IN_CONFIG.matcher(text).replaceAll(m -> Matcher.quoteReplacement("SECRET[" + m.group(1) + "]")) : text;
    }

    /** The secret names a text references ({@code SECRET[name]} form). */
    public static java.util.List<String> namesIn(String text) {
        java.util.List<String> names = new java.util.ArrayList<>();
        Matcher m = IN_GRAPH.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
