package dev.vectorflow.adapter.vector;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code vector --version} prints, parsed: e.g.
 * {@code vector 0.57.0 (x86_64-unknown-linux-gnu 8832452 2026-07-14 10:00:00.000000000)}.
 */
public record VectorVersion(String version, String target, Optional<String> commit, Optional<String> buildDate) {

    private static final Pattern OUTPUT = Pattern.compile("^vector (\\S+) \\((\\S+)(?: (\\S+) (.*?))?\\)$");

    /** Parses the first line of {@code vector --version}; empty when it is not Vector's format. */
    public static Optional<VectorVersion> parse(String output) {
        if (output == null) {
            return Optional.empty();
        }
        String firstLine = output.strip().lines().findFirst().orElse("");
        Matcher m = OUTPUT.matcher(firstLine);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new VectorVersion(m.group(1), m.group(2), Optional.ofNullable(m.group(3)), Optional.ofNullable(m.group(4))));
    }
}
