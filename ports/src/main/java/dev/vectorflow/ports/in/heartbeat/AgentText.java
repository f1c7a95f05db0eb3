package dev.vectorflow.ports.in.heartbeat;

/** Text from an agent as it may be stored and shown: the rules the heartbeat commands apply to every text they take. */
final class AgentText {

    /** Longest log line, error or message kept; longer ones are cut with a marker. */
    static final int MAX_TEXT_CHARS = 8192;

    private AgentText() {
    }

    /** A single line: stripped, control characters turned into spaces, at most {@code max} characters; null becomes empty. */
    static String line(String value, int max) {
        if (value == null) {
            return "";
        }
        String clean = withoutControls(value.strip());
        return clean.length() <= max ? clean : clean.substring(0, max);
    }

    /**
     * Control characters (ASCII {@code 0x00-0x1F} and {@code 0x7F}, as {@code \p{Cntrl}}) turned into spaces; the same
     * string when it has none (a character loop: the heartbeat path runs thousands of times a second).
     */
    private static String withoutControls(String value) {
        int length = value.length();
        int first = 0;
        while (first < length && !control(value.charAt(first))) {
            first++;
        }
        if (first == length) {
            return value;
        }
        char[] chars = value.toCharArray();
        for (int i = first; i < length; i++) {
            if (control(chars[i])) {
                chars[i] = ' ';
            }
        }
        return new String(chars);
    }

    private static boolean control(char c) {
        return c < 0x20 || c == 0x7F;
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
