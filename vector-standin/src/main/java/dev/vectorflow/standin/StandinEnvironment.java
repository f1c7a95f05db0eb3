package dev.vectorflow.standin;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vector's environment variable interpolation, which 0.57 applies to the raw config text only when it runs with
 * {@code --dangerously-allow-env-var-interpolation}: {@code $$} is a literal {@code $}; {@code ${NAME}} and
 * {@code $NAME} the variable (an error when it is not set); {@code ${NAME:-default}} the default when the variable is
 * unset or empty, {@code ${NAME-default}} only when unset; {@code ${NAME:?message}} / {@code ${NAME?message}} an error
 * with that message when unset (or empty, with the colon).
 */
final class StandinEnvironment {

    private static final Pattern REFERENCE = Pattern.compile(
            "\\$\\$|\\$\\{([A-Za-z0-9_]+)(?:(:?-|:?\\?)([^}]*))?}|\\$([A-Za-z0-9_]+)");

    private StandinEnvironment() {
    }

    static String interpolate(String text, Map<String, String> env, List<String> errors) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else {
                String name = m.group(1) != null ? m.group(1) : m.group(4);
                String value = env.get(name);
                String operator = m.group(2);
                String argument = m.group(3) == null ? "" : m.group(3);
                boolean missing = value == null || (operator != null && operator.startsWith(":") && value.isEmpty());
                if (!missing) {
                    replacement = value;
                } else if (operator != null && operator.endsWith("-")) {
                    replacement = argument;
                } else if (operator != null && operator.endsWith("?")) {
                    errors.add("Missing environment variable required in config. name = \"" + name + "\", error = \"" + argument + "\"");
                    replacement = "";
                } else {
                    errors.add("Missing environment variable in config. name = \"" + name + "\"");
                    replacement = "";
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
