package dev.vectorflow.core.pipeline;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An input written as a glob pattern, read as Vector reads one: {@code *} any run of characters (a {@code .}
 * included, so {@code app*} also matches the named output {@code app.errors}), {@code ?} any one character,
 * {@code [abc]} and {@code [a-z]} one character of a set, {@code [!abc]} one character not in it; every other
 * character stands for itself.
 */
final class InputGlob {

    private InputGlob() {
    }

    /** The pattern as a regular expression; empty when it is not a valid glob (an unclosed {@code [}). */
    static Optional<Pattern> compile(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        return Optional.empty();
                    }
                    String set = glob.substring(i + 1, close);
                    boolean negated = set.startsWith("!");
                    regex.append('[').append(negated ? "^" : "");
                    for (char member : (negated ? set.substring(1) : set).toCharArray()) {
                        if ("\\[]^&".indexOf(member) >= 0) {
                            regex.append('\\');
                        }
                        regex.append(member);
                    }
                    regex.append(']');
                    i = close;
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return Optional.of(Pattern.compile(regex.toString()));
    }
}
