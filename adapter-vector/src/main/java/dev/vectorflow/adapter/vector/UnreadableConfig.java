package dev.vectorflow.adapter.vector;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why config text could not be read in one format, worded for the user (line and column when
 * known). Internal to this adapter: the codec turns it into the port's {@code InvalidValueException}.
 */
final class UnreadableConfig extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** SnakeYAML's marks (" in 'reader', line 2, column 1:"); the last one is where the problem is. */
    private static final Pattern YAML_MARK = Pattern.compile("line (\\d+), column (\\d+):");
    /** Jackson's location inside a message ("[Source: ...; line: 1, column: 1]"). */
    private static final Pattern JACKSON_SOURCE = Pattern.compile("\\s*\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)]");

    private UnreadableConfig(String message) {
        super(message, null, false, false);
    }

    static UnreadableConfig syntax(ConfigFormat format, int line, int column, String problem) {
        return new UnreadableConfig("is not valid " + format + at(line, column) + ": " + problem);
    }

    static UnreadableConfig of(String message) {
        return new UnreadableConfig(message);
    }

    /** The parser's complaint, condensed to one line with the position of the problem. */
    static UnreadableConfig from(ConfigFormat format, JacksonException e) {
        String original = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        int line = -1;
        int column = -1;
        JsonLocation location = e.getLocation();
        if (location != null) {
            line = location.getLineNr();
            column = location.getColumnNr();
        }
        Matcher mark = YAML_MARK.matcher(original);
        while (mark.find()) {
            line = Integer.parseInt(mark.group(1));
            column = Integer.parseInt(mark.group(2));
        }
        return syntax(format, line, column, condense(original));
    }

    /** Drops SnakeYAML's quoted source lines and marks, and Jackson's source descriptions. */
    private static String condense(String message) {
        List<String> kept = new ArrayList<>();
        for (String line : message.split("\\R")) {
            if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            kept.add(JACKSON_SOURCE.matcher(line).replaceAll(" (line $1, column $2)").strip());
        }
        return kept.isEmpty() ? message.strip() : String.join(": ", kept);
    }

    static String at(int line, int column) {
        if (line <= 0) {
            return "";
        }
        return column > 0 ? " at line " + line + ", column " + column : " at line " + line;
    }

    /** What a document holds instead of a mapping, in words. */
    static String describe(Object value) {
        return switch (value) {
            case List<?> l -> "a list";
            case String s -> "a single text value";
            case Boolean b -> "a single true/false value";
            case Number n -> "a single number";
            default -> "a " + value.getClass().getSimpleName();
        };
    }
}
