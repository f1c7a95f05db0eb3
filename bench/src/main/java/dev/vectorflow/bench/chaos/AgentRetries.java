package dev.vectorflow.bench.chaos;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The heartbeats an agent's log says were answered 503 within a time window, and the gaps between them: an agent that
 * honours {@code Retry-After} r sends its next heartbeat no sooner than r after such an answer.
 */
record AgentRetries(List<Instant> refused) {

    /** The agent's log lines that say a heartbeat was answered 503, with their time, from {@code from} to {@code to}. */
    static AgentRetries in(List<String> log, Instant from, Instant to) {
        List<Instant> refused = new ArrayList<>();
        for (String line : log) {
            int space = line.indexOf(' ');
            if (space < 0 || !line.contains("heartbeat failed: ") || !line.contains(" answered 503")) {
                continue;
            }
            try {
                Instant at = Instant.parse(line.substring(0, space));
                if (!at.isBefore(from) && !at.isAfter(to)) {
                    refused.add(at);
                }
            } catch (DateTimeParseException e) {
                // a continuation line of a longer message
            }
        }
        return new AgentRetries(List.copyOf(refused));
    }

    /** The shortest time between two heartbeats answered 503 in a row, in seconds; -1 with fewer than two. */
    double shortestGapSeconds() {
        double shortest = -1;
        for (int i = 1; i < refused.size(); i++) {
            double gap = (refused.get(i).toEpochMilli() - refused.get(i - 1).toEpochMilli()) / 1000.0;
            shortest = shortest < 0 ? gap : Math.min(shortest, gap);
        }
        return shortest;
    }
}
