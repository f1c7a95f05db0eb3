package dev.vectorflow.core.backup;

import dev.vectorflow.core.validation.InvalidValueException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of a backup file in its storage (a file name in the backup directory, the last part of an S3 key):
 * {@code vectorflow-2026-12-06T03-00-00Z-scheduled-1a2b3c4d.vfbackup}. Only such names are listed, fetched or deleted.
 */
public record BackupName(String value) implements Comparable<BackupName> {

    public static final String SUFFIX = ".vfbackup";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,190}\\.vfbackup");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

    public BackupName {
        Objects.requireNonNull(value, "value");
        if (!SHAPE.matcher(value).matches() || value.contains("..")) {
            throw new InvalidValueException("backup", "must be a backup name like vectorflow-2026-12-06T03-00-00Z-manual-1a2b3c4d"
                    + SUFFIX + " (letters, digits, '.', '_', '-') but was '" + shorten(value) + "'");
        }
    }

    /** The name of a new backup: when it was taken, why, and a unique tail (e.g. the start of its run id). */
    public static BackupName of(Instant takenAt, BackupTrigger trigger, String uniqueTail) {
        String tail = uniqueTail.replaceAll("[^A-Za-z0-9]", "");
        return new BackupName("vectorflow-" + STAMP.format(takenAt) + "-" + trigger.label() + "-"
                + tail.substring(0, Math.min(8, tail.length())) + SUFFIX);
    }

    /** True when {@code text} is the name of a backup (storage listings hold other files too). */
    public static boolean isBackupName(String text) {
        return text != null && SHAPE.matcher(text).matches() && !text.contains("..");
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    @Override
    public int compareTo(BackupName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
