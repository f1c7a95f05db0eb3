package dev.vectorflow.adapter.http.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.Caller;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.core.audit.AuditEntry;
import dev.vectorflow.ports.in.audit.AuditQueries;
import dev.vectorflow.ports.out.persistence.AuditLog.AuditQuery;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/** {@code GET /api/audit} (filtered list) and {@code GET /api/audit/export?format=csv|json}. */
public final class AuditController {

    /** One entry as the API shows it; {@code changes} is the field-level diff as JSON. */
    public record AuditEntryResponse(long sequence, Instant occurredAt, String actor, String actorId, String sourceAddress,
                                     String userAgent, String action, String entityType, String entityId, String teamId,
                                     JsonNode changes, String previousHash, String hash) {
    }

    private final AuditQueries audit;
    private final ObjectMapper mapper;

    public AuditController(AuditQueries audit, ObjectMapper mapper) {
        this.audit = audit;
        this.mapper = mapper;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/audit", Access.signedIn(), this::list);
        routes.get("/api/audit/export", Access.signedIn(), this::export);
    }

    private AuditQuery query(Context ctx, int defaultLimit, int maxLimit) {
        int limit = defaultLimit;
        String rawLimit = ctx.queryParam("limit");
        if (rawLimit != null) {
            try {
                limit = Integer.parseInt(rawLimit);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > maxLimit) {
                throw ApiProblem.badRequest("limit must be a number from 1 to " + maxLimit + " but was '" + rawLimit + "'.");
            }
        }
        return new AuditQuery(param(ctx, "actor"), param(ctx, "action"), param(ctx, "entityType"), param(ctx, "entityId"),
                Optional.empty(), instant(ctx, "from"), instant(ctx, "to"), limit);
    }

    private static Optional<String> param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static Optional<Instant> instant(Context ctx, String name) {
        return param(ctx, name).map(v -> {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw ApiProblem.badRequest(name + " must be an ISO-8601 instant like 2026-11-27T00:00:00Z but was '" + v + "'.");
            }
        });
    }

    private AuditEntryResponse response(AuditEntry e) {
        JsonNode changes;
        try {
            changes = mapper.readTree(e.changesJson());
        } catch (Exception malformed) {
            changes = mapper.getNodeFactory().textNode(e.changesJson());
        }
        return new AuditEntryResponse(e.sequence(), e.occurredAt(), e.actorLabel(), e.actorId(), e.sourceAddress(), e.userAgent(),
                e.action(), e.entityType(), e.entityId(), e.teamId(), changes, e.previousHash(), e.hash());
    }

    private void list(Context ctx) {
        List<AuditEntry> entries = audit.find(Caller.of(ctx).principal(), query(ctx, 100, 1000));
        ctx.json(Map.of("items", entries.stream().map(this::response).toList()));
    }

    private void export(Context ctx) {
        List<AuditEntry> entries = audit.find(Caller.of(ctx).principal(), query(ctx, 10_000, 100_000));
        String format = ctx.queryParamAsClass("format", String.class).getOrDefault("json");
        switch (format) {
            case "json" -> {
                ctx.header("Content-Disposition", "attachment; filename=\"vectorflow-audit.json\"");
                ctx.json(entries.stream().map(this::response).toList());
            }
            case "csv" -> {
                StringBuilder csv = new StringBuilder("sequence,occurredAt,actor,actorId,sourceAddress,userAgent,action,entityType,entityId,teamId,changes,hash\n");
                for (AuditEntry e : entries) {
                    csv.append(e.sequence()).append(',').append(e.occurredAt()).append(',');
                    for (String field : List.of(e.actorLabel(), e.actorId(), e.sourceAddress(), e.userAgent(), e.action(), e.entityType(),
                            e.entityId(), e.teamId(), e.changesJson())) {
                        csv.append(csvField(field)).append(',');
                    }
                    csv.append(e.hash()).append('\n');
                }
                ctx.header("Content-Disposition", "attachment; filename=\"vectorflow-audit.csv\"");
                ctx.contentType("text/csv; charset=utf-8").result(csv.toString());
            }
            default -> throw ApiProblem.badRequest("format must be csv or json but was '" + format + "'.");
        }
    }

    /** Quotes a CSV field, and defuses spreadsheet formulas (=, +, -, @ at the start). */
    static String csvField(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
