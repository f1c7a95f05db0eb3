package dev.vectorflow.core.backup;

import dev.vectorflow.core.validation.InvalidValueException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A cron expression in the five-field form of cron(8), evaluated in UTC: minute, hour, day of month, month, day of
 * week, each {@code *}, a value, a range {@code a-b}, a step {@code * / n} or {@code a-b/n}, or a comma list of those;
 * months and weekdays also by name ({@code JAN}, {@code MON}); Sunday is 0 or 7. When both day fields are restricted a
 * day matches either (as cron does). {@code @hourly}, {@code @daily}, {@code @weekly}, {@code @monthly} and
 * {@code @yearly} stand for their usual expressions.
 */
public final class CronSchedule {

    private static final Map<String, String> MACROS = Map.of(
            "@hourly", "0 * * * *", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@weekly", "0 0 * * 0",
            "@monthly", "0 0 1 * *", "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** Far enough for any expression that can match at all (29 February comes at least every 8 years). */
    private static final long SEARCH_MINUTES = 9L * 366 * 24 * 60;

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronSchedule(String expression, BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek,
                         boolean anyDayOfMonth, boolean anyDayOfWeek) {
        this.expression = expression;
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.anyDayOfMonth = anyDayOfMonth;
        this.anyDayOfWeek = anyDayOfWeek;
    }

    /**
     * Parses an expression.
     *
     * @throws InvalidValueException on {@code field} naming what is wrong
     */
    public static CronSchedule parse(String field, String text) {
        Objects.requireNonNull(text, field);
        String trimmed = text.strip().replaceAll("\\s+", " ");
        String expanded = MACROS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
        String[] parts = expanded.split(" ");
        if (parts.length != 5) {
            throw new InvalidValueException(field, "must be a cron expression of five fields (minute hour day-of-month month"
                    + " day-of-week, e.g. '0 3 * * *' for 03:00 UTC every day) or @hourly/@daily/@weekly/@monthly/@yearly but was '"
                    + text + "'");
        }
        BitSet minutes = parseField(field, "minute", parts[0], 0, 59, List.of());
        BitSet hours = parseField(field, "hour", parts[1], 0, 23, List.of());
        BitSet dom = parseField(field, "day of month", parts[2], 1, 31, List.of());
        BitSet months = parseField(field, "month", parts[3], 1, 12, MONTHS);
        BitSet dow = parseField(field, "day of week", parts[4], 0, 7, DAYS);
        if (dow.get(7)) {
            dow.set(0);
            dow.clear(7);
        }
        CronSchedule schedule = new CronSchedule(trimmed, minutes, hours, dom, months, dow, parts[2].equals("*"), parts[4].equals("*"));
        if (schedule.next(Instant.EPOCH).isEmpty()) {
            throw new InvalidValueException(field, "never matches a real date: '" + text + "'");
        }
        return schedule;
    }

    private static BitSet parseField(String field, String name, String text, int min, int max, List<String> names) {
        BitSet values = new BitSet(max + 1);
        for (String item : text.split(",", -1)) {
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = number(field, name, item.substring(slash + 1), 1, max - min + 1, List.of());
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.indexOf('-') > 0) {
                from = number(field, name, range.substring(0, range.indexOf('-')), min, max, names);
                to = number(field, name, range.substring(range.indexOf('-') + 1), min, max, names);
                if (to < from) {
                    throw new InvalidValueException(field, "has the " + name + " range '" + range + "' running backwards");
                }
            } else {
                from = number(field, name, range, min, max, names);
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                values.set(v);
            }
        }
        return values;
    }

    private static int number(String field, String name, String text, int min, int max, List<String> names) {
        int named = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (named >= 0) {
            return names == MONTHS ? named + 1 : named;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidValueException(field, "has '" + text + "' where the " + name + " (" + min + " to " + max + ")"
                + (names.isEmpty() ? "" : " (or a name such as " + names.getFirst() + ")") + " belongs");
    }

    /** The first time after {@code after} (to the minute) that matches; empty only for an expression that never does. */
    public Optional<Instant> next(Instant after) {
        ZonedDateTime t = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        for (long steps = 0; steps < SEARCH_MINUTES; steps++) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return Optional.of(t.toInstant());
            }
        }
        return Optional.empty();
    }

    /** The last time at or before {@code atOrBefore} (to the minute) that matched. */
    public Optional<Instant> previous(Instant atOrBefore) {
        ZonedDateTime t = atOrBefore.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        for (long steps = 0; steps < SEARCH_MINUTES; steps++) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).minusMinutes(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).minusMinutes(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).minusMinutes(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.minusMinutes(1);
            } else {
                return Optional.of(t.toInstant());
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue());
        if (anyDayOfMonth && anyDayOfWeek) {
            return true;
        }
        if (anyDayOfMonth) {
            return dow;
        }
        if (anyDayOfWeek) {
            return dom;
        }
        return dom || dow;
    }

    /** The expression as given (macros not expanded). */
    public String expression() {
        return expression;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronSchedule other && other.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return expression + " (UTC)";
    }
}
