package dev.vectorflow.core.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One stored entry of the append-only audit log. {@code hash} is the SHA-256 of the previous
 * entry's hash and this entry's canonical form, so changing, removing or reordering any entry
 * breaks every link after it.
 */
public record AuditEntry(
        long sequence,
        Instant occurredAt,
        String actorLabel,
        String actorId,
        String sourceAddress,
        String userAgent,
        String action,
        String entityType,
        String entityId,
        String teamId,
        String changesJson,
        String previousHash,
        String hash) {

    public AuditEntry {
        occurredAt = Objects.requireNonNull(occurredAt, "occurredAt").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(actorLabel, "actorLabel");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(changesJson, "changesJson");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** The fields the hash covers, in canonical JSON (everything but the hash itself). */
    public String canonicalForm() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sequence", sequence);
        fields.put("occurredAt", occurredAt.toString());
        fields.put("actorLabel", actorLabel);
        fields.put("actorId", nullToEmpty(actorId));
        fields.put("sourceAddress", nullToEmpty(sourceAddress));
        fields.put("userAgent", nullToEmpty(userAgent));
        fields.put("action", action);
        fields.put("entityType", nullToEmpty(entityType));
        fields.put("entityId", nullToEmpty(entityId));
        fields.put("teamId", nullToEmpty(teamId));
        fields.put("changes", changesJson);
        fields.put("previousHash", previousHash);
        return CanonicalJson.write(fields);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
