package dev.vectorflow.adapter.http.node;

import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.error.FieldProblem;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.out.node.NodeListing;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The query of the paged node list: {@code status}, {@code label=k=v} (repeatable), {@code search}, {@code sort}, {@code order},
 * {@code limit} and {@code cursor}, read with every problem gathered into one 400. A cursor is opaque to clients: the sort and
 * order it was made for, a digest of its filters, the last node's sort key and id, base64url-encoded; it is refused under
 * another sort, order or filters (a page after a node of another listing would skip or repeat nodes without a word).
 */
final class NodeListParams {

    /** Longest hostname search text and longest cursor taken. */
    static final int MAX_SEARCH = 253;
    static final int MAX_CURSOR = 1200;
    /** Most nodes the selector preview ({@code nodes/match}) names; its count covers all. */
    static final int MATCH_LIMIT = 50;

    private static final String CURSOR_VERSION = "n2";

    private NodeListParams() {
    }

    static NodeListing.Request read(Context ctx) {
        List<FieldProblem> problems = new ArrayList<>();
        Optional<NodeStatus> status = Optional.empty();
        String statusText = ctx.queryParam("status");
        if (statusText != null && !statusText.isBlank()) {
            try {
                status = Optional.of(NodeStatus.valueOf(statusText.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("status", "must be HEALTHY, DEGRADED or UNREACHABLE"));
            }
        }
        NodeSelector labels = NodeSelector.ALL;
        try {
            labels = NodeSelector.parse("label", String.join(",", ctx.queryParams("label")));
        } catch (InvalidValueException e) {
            problems.add(new FieldProblem(e.field(), e.problem()));
        }
        Optional<String> search = Optional.ofNullable(ctx.queryParam("search")).map(String::strip).filter(s -> !s.isEmpty());
        if (search.isPresent() && (search.get().length() > MAX_SEARCH || search.get().chars().anyMatch(Character::isISOControl))) {
            problems.add(new FieldProblem("search", "must be at most " + MAX_SEARCH + " characters without control characters"));
        }
        String sortText = Optional.ofNullable(ctx.queryParam("sort")).map(String::strip).filter(s -> !s.isEmpty()).orElse("name");
        Optional<NodeListing.Sort> sort = NodeListing.Sort.fromWire(sortText);
        if (sort.isEmpty()) {
            problems.add(new FieldProblem("sort", "must be name, status, lastSeen or agentVersion"));
        }
        String order = Optional.ofNullable(ctx.queryParam("order")).map(String::strip).filter(s -> !s.isEmpty()).orElse("asc");
        if (!order.equals("asc") && !order.equals("desc")) {
            problems.add(new FieldProblem("order", "must be asc or desc"));
        }
        int limit = NodeListing.DEFAULT_LIMIT;
        String limitText = ctx.queryParam("limit");
        if (limitText != null && !limitText.isBlank()) {
            try {
                limit = Integer.parseInt(limitText.strip());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > NodeListing.MAX_LIMIT) {
                problems.add(new FieldProblem("limit", "must be a whole number from 1 to " + NodeListing.MAX_LIMIT));
            }
        }
        Optional<NodeListing.After> after = Optional.empty();
        String cursor = ctx.queryParam("cursor");
        NodeListing.Filter filter = new NodeListing.Filter(status, labels, search);
        if (cursor != null && !cursor.isBlank() && sort.isPresent()) {
            // with a filter refused the cursor is still read, but not held against filters that were not understood
            after = decode(cursor.strip(), sort.get(), order, problems.isEmpty() ? filterDigest(filter) : null, problems);
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        return new NodeListing.Request(filter, sort.get(), order.equals("desc"), after, limit);
    }

    static String encode(NodeListing.Request request, NodeListing.After after) {
        String text = String.join("\n", CURSOR_VERSION, request.sort().wire(), request.descending() ? "desc" : "asc",
                filterDigest(request.filter()), after.id().toString(), after.key());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A short digest of what a listing's filters select (status, labels in key order, search text ignoring case): equal for
     * two requests that list the same nodes.
     */
    private static String filterDigest(NodeListing.Filter filter) {
        String canonical = "status=" + filter.status().map(Enum::name).orElse("") + "\nlabels=" + new TreeMap<>(filter.labels().required().values())
                + "\nsearch=" + filter.search().map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static Optional<NodeListing.After> decode(String cursor, NodeListing.Sort sort, String order, String filters,
                                                      List<FieldProblem> problems) {
        try {
            if (cursor.length() > MAX_CURSOR) {
                throw new IllegalArgumentException("too long");
            }
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 6);
            if (parts.length != 6 || !parts[0].equals(CURSOR_VERSION) || NodeListing.Sort.fromWire(parts[1]).isEmpty()
                    || !List.of("asc", "desc").contains(parts[2])) {
                throw new IllegalArgumentException("not a cursor");
            }
            if (!parts[1].equals(sort.wire()) || !parts[2].equals(order)) {
                problems.add(new FieldProblem("cursor", "was given for sort=" + parts[1] + "&order=" + parts[2]
                        + "; ask again without a cursor to start over in this order"));
                return Optional.empty();
            }
            if (filters != null && !parts[3].equals(filters)) {
                problems.add(new FieldProblem("cursor", "was given for other filters (status, label, search); pass the filters of the"
                        + " first page with every cursor, or ask again without a cursor to start over with these filters"));
                return Optional.empty();
            }
            return Optional.of(new NodeListing.After(parts[5], new NodeId(UUID.fromString(parts[4]))));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("cursor", "is not a cursor this list gave (pass nextCursor back unchanged)"));
            return Optional.empty();
        }
    }
}
