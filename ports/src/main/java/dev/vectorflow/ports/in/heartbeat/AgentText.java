package dev.vectorflow.ports.in.heartbeat;

import java.util.regex.Pattern;

/** Text from an agent as it may be stored and shown: the rules the heartbeat commands apply to every text they take. */
final class AgentText {

    /** Longest log line, error or message kept; longer ones are cut with a marker. */
    static final int MAX_TEXT_CHARS = 8192;
    // compiled once: the heartbeat path runs thousands of times a second
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private AgentText() {
    }

    /** A single line: stripped, control characters turned into spaces, at most {@code max} characters; null becomes empty. */
    static String line(String value, int max) {
        if (value == null) {
            return "";
        }
        String clean = CONTROL.matcher(value.strip()).replaceAll(" ");
        return clean.length() <= max ? clean : clean.substring(0, max);
    }

    /** A block of text (line breaks kept): NUL turned into a space, cut with a marker beyond {@link #MAX_TEXT_CHARS}; null becomes empty. */
    static String block(String value) {
        if (value == null) {
            return "";
        }
        String clean = value.replace('\u0000', ' ');
        return clean.length() <= MAX_TEXT_CHARS ? clean : clean.substring(0, MAX_TEXT_CHARS) + " …[cut]";
    }
}
