package dev.vectorflow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes answers to stdout as a table for people (the default) or as JSON or YAML for scripts. JSON and YAML carry the
 * server's fields unchanged (stable for scripts); a table shows chosen columns. Progress never goes here (stderr).
 */
public final class Output {

    /** The formats of {@code --output}. */
    public enum Format { TABLE, JSON, YAML }

    /** A table column: its header and how a row's cell is read. */
    public record Column(String header, Function<JsonNode, String> cell) {

        /** A column showing the field at a JSON pointer ({@code /current/version}) or a top-level name. */
        public static Column of(String header, String field) {
            String pointer = field.startsWith("/") ? field : "/" + field;
            return new Column(header, row -> scalar(row.at(pointer)));
        }
    }

    private static final YAMLMapper YAML = YAMLMapper.builder(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)).build();
    private static final int MAX_CELL = 60;

    private final Format format;
    private final PrintWriter out;

    public Output(Format format, PrintWriter out) {
        this.format = format;
        this.out = out;
    }

    public Format format() {
        return format;
    }

    public boolean forPeople() {
        return format == Format.TABLE;
    }

    /** A list: a table with the columns, or the whole entries as JSON/YAML. */
    public void list(JsonNode items, List<Column> columns) {
        if (format != Format.TABLE) {
            data(items);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(columns.stream().map(Column::header).toList());
        for (JsonNode item : items) {
            rows.add(columns.stream().map(c -> clip(c.cell().apply(item))).toList());
        }
        out.print(table(rows));
        out.flush();
    }

    /** One object: "FIELD  value" lines for the columns, or the whole object as JSON/YAML. */
    public void object(JsonNode object, List<Column> columns) {
        if (format != Format.TABLE) {
            data(object);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Column c : columns) {
            rows.add(List.of(c.header() + ":", c.cell().apply(object)));
        }
        out.print(table(rows));
        out.flush();
    }

    /** Any value as JSON or YAML (a table shows it as YAML, the most readable of the two). */
    public void data(Object value) {
        out.print(render(value, format));
        out.flush();
    }

    /** Plain text (a rendered config, a plan), written as it is. */
    public void text(String text) {
        out.print(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            out.println();
        }
        out.flush();
    }

    static String render(Object value, Format format) {
        try {
            return switch (format) {
                case JSON -> ServerApi.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value) + "\n";
                case YAML, TABLE -> YAML.writeValueAsString(value);
            };
        } catch (JsonProcessingException e) {
            throw new CtlFailure(ExitCodes.ERROR, "cannot write the answer: " + e.getOriginalMessage());
        }
    }

    /** Columns padded to their widest cell, two spaces apart, no trailing spaces. */
    static String table(List<List<String>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i + 1 < row.size() ? pad(row.get(i), width[i]) + "  " : row.get(i));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    /** A cell as one line: control characters shown as spaces, long text cut with an ellipsis. */
    static String clip(String text) {
        String line = text.replaceAll("\\p{Cntrl}", " ");
        return line.length() > MAX_CELL ? line.substring(0, MAX_CELL - 1) + "…" : line;
    }

    /** A line from the server (a log line) with control characters shown as spaces, so it cannot steer the terminal. */
    static String clipLine(String text) {
        return text.replaceAll("[\\p{Cntrl}&&[^\t]]", " ");
    }

    /** A field as cell text: scalars as they are, "-" for nothing, maps as k=v,k2=v2, lists by their size. */
    static String scalar(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "-";
        }
        if (node.isObject()) {
            List<String> pairs = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                pairs.add(e.getKey() + "=" + (e.getValue().isValueNode() ? e.getValue().asText() : "…"));
            }
            return pairs.isEmpty() ? "-" : String.join(",", pairs);
        }
        if (node.isArray()) {
            return node.size() + " items";
        }
        return node.asText();
    }
}
