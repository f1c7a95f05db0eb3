package dev.vectorflow.core.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Which backups to keep: the newest {@code keepLast} and/or those younger than {@code keepDays} (a backup either rule
 * keeps stays; 0 turns a rule off; with both off everything stays). The newest backup always stays.
 */
public record RetentionPolicy(int keepLast, int keepDays) {

    public RetentionPolicy {
        if (keepLast < 0 || keepLast > 100_000) {
            throw new IllegalArgumentException("'keepLast' must be from 0 to 100000 but was " + keepLast);
        }
        if (keepDays < 0 || keepDays > 36_500) {
            throw new IllegalArgumentException("'keepDays' must be from 0 to 36500 but was " + keepDays);
        }
    }

    public static RetentionPolicy keepEverything() {
        return new RetentionPolicy(0, 0);
    }

    /** The backups this policy removes, given all of them and when each was taken. */
    public <T> List<T> expired(List<T> backups, Function<T, Instant> takenAt, Instant now) {
        if (keepLast == 0 && keepDays == 0) {
            return List.of();
        }
        List<T> newestFirst = new ArrayList<>(backups);
        newestFirst.sort(Comparator.comparing(takenAt).reversed());
        Instant youngLimit = now.minus(Duration.ofDays(keepDays));
        List<T> expired = new ArrayList<>();
        for (int i = 1; i < newestFirst.size(); i++) {
            T backup = newestFirst.get(i);
            boolean keptByCount = keepLast > 0 && i < keepLast;
            boolean keptByAge = keepDays > 0 && takenAt.apply(backup).isAfter(youngLimit);
            if (!keptByCount && !keptByAge) {
                expired.add(backup);
            }
        }
        return expired;
    }

    @Override
    public String toString() {
        if (keepLast == 0 && keepDays == 0) {
            return "keep every backup";
        }
        String count = keepLast > 0 ? "the newest " + keepLast : "";
        String age = keepDays > 0 ? "those younger than " + keepDays + " days" : "";
        return "keep " + (count.isEmpty() ? age : age.isEmpty() ? count : count + " and " + age);
    }
}
