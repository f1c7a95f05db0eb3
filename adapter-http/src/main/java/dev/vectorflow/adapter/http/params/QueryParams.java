package dev.vectorflow.adapter.http.params;

import dev.vectorflow.core.validation.InvalidValueException;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Query parameters of the API read with one kind of error each: a malformed value is a 400 that names it. */
public final class QueryParams {

    private QueryParams() {
    }

    /** A time range and the step of its series. */
    public record Range(Instant from, Instant to, Duration step) {
    }

    /**
     * {@code from}, {@code to} (ISO-8601, default: the last hour) and {@code step} in seconds (default: about 120 points, whole
     * minutes); {@code from} is cut to the minute.
     */
    public static Range range(Context ctx, Clock clock) {
        Instant to = instant(ctx, "to").orElse(clock.instant());
        Instant from = instant(ctx, "from").orElse(to.minus(Duration.ofHours(1)));
        Duration step;
        String stepText = ctx.queryParam("step");
        if (stepText == null || stepText.isBlank()) {
            long seconds = Math.max(60, Duration.between(from, to).toSeconds() / 120);
            step = Duration.ofSeconds((seconds + 59) / 60 * 60);
        } else {
            try {
                step = Duration.ofSeconds(Long.parseLong(stepText.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidValueException("step", "must be a number of seconds but was '" + stepText + "'");
            }
        }
        return new Range(from.truncatedTo(ChronoUnit.MINUTES), to, step);
    }

    public static Optional<Instant> instant(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(name, "must be an ISO-8601 instant such as 2026-11-27T10:00:00Z but was '" + text + "'");
        }
    }

    public static long longParam(Context ctx, String name, long fallback) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidValueException(name, "must be a whole number but was '" + text + "'");
        }
    }
}
