package dev.vectorflow.adapter.postgres.backup;

import java.util.ArrayList;
import java.util.List;

/** Reads one row of PostgreSQL's COPY text format: fields split by tabs, backslash escapes, {@code \N} for NULL. */
final class CopyText {

    private CopyText() {
    }

    /** The row's fields, null where the row holds NULL. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean isNull = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                fields.add(isNull ? null : field.toString());
                field.setLength(0);
                isNull = false;
            } else if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                switch (next) {
                    case 'N' -> isNull = true;
                    case 't' -> field.append('\t');
                    case 'n' -> field.append('\n');
                    case 'r' -> field.append('\r');
                    case 'b' -> field.append('\b');
                    case 'f' -> field.append('\f');
                    case 'v' -> field.append('\u000b');
                    default -> field.append(next);
                }
            } else {
                field.append(c);
            }
        }
        fields.add(isNull ? null : field.toString());
        return fields;
    }
}
