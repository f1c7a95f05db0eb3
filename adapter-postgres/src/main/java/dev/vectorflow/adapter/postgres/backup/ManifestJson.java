package dev.vectorflow.adapter.postgres.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.core.backup.BackupManifest;
import dev.vectorflow.core.backup.BackupTrigger;
import dev.vectorflow.core.backup.SchemaLevel;
import dev.vectorflow.core.backup.TableSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The manifest as one line of JSON at the head of a backup file (mapped by hand, so the model carries no annotations). */
final class ManifestJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ManifestJson() {
    }

    static String write(BackupManifest m) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", m.format());
        root.put("vectorflowVersion", m.vectorflowVersion());
        ObjectNode schema = root.putObject("schema");
        schema.put("changesets", m.schema().changesets());
        schema.put("lastChangeset", m.schema().lastChangeset());
        root.put("postgresVersion", m.postgresVersion());
        root.put("createdAt", m.createdAt().toString());
        root.put("createdBy", m.createdBy());
        root.put("trigger", m.trigger().name());
        root.put("telemetryIncluded", m.telemetryIncluded());
        ArrayNode excluded = root.putArray("excludedTables");
        m.excludedTables().forEach(excluded::add);
        ArrayNode tables = root.putArray("tables");
        for (TableSummary t : m.tables()) {
            ObjectNode table = tables.addObject();
            table.put("name", t.name());
            ArrayNode columns = table.putArray("columns");
            t.columns().forEach(columns::add);
            table.put("rows", t.rows());
            table.put("sha256", t.sha256());
        }
        root.put("contentSha256", m.contentSha256());
        return root.toString();
    }

    /** @throws IllegalArgumentException naming what is missing or malformed */
    static BackupManifest read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("the manifest is not JSON (" + e.getMessage() + ")");
        }
        int format = number(root, "format");
        if (format > BackupManifest.FORMAT) {
            throw new IllegalArgumentException("the file is of backup format " + format + ", made by a newer VectorFlow; this one reads format "
                    + BackupManifest.FORMAT);
        }
        JsonNode schema = required(root, "schema");
        List<String> excluded = new ArrayList<>();
        required(root, "excludedTables").forEach(n -> excluded.add(n.asText()));
        List<TableSummary> tables = new ArrayList<>();
        for (JsonNode t : required(root, "tables")) {
            List<String> columns = new ArrayList<>();
            required(t, "columns").forEach(c -> columns.add(c.asText()));
            tables.add(new TableSummary(text(t, "name"), columns, required(t, "rows").asLong(), text(t, "sha256")));
        }
        return new BackupManifest(format, text(root, "vectorflowVersion"), new SchemaLevel(number(schema, "changesets"), text(schema, "lastChangeset")),
                text(root, "postgresVersion"), Instant.parse(text(root, "createdAt")), text(root, "createdBy"),
                BackupTrigger.valueOf(text(root, "trigger")), required(root, "telemetryIncluded").asBoolean(), excluded, tables,
                text(root, "contentSha256"));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("the manifest has no '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return required(node, field).asText();
    }

    private static int number(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.canConvertToInt()) {
            throw new IllegalArgumentException("the manifest's '" + field + "' is not a number");
        }
        return value.asInt();
    }
}
