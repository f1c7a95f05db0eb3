package dev.vectorflow.core.pipeline;

import java.util.Objects;
import java.util.Optional;

/**
 * One finding of validation: an error blocks publishing, a warning does not. Names the component
 * and the option path ({@code decoding.codec}) when it is about one, and says what is wrong in
 * words a person understands. A structural problem (duplicate keys, unknown types, edges to nothing,
 * cycles) makes the graph unfit even as a draft; other errors only block publishing.
 */
public record Problem(Severity severity, Optional<ComponentKey> component, String optionPath, String message, boolean structural) {

    /** How bad a problem is. */
    public enum Severity { ERROR, WARNING }

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(component, "component");
        optionPath = optionPath == null ? "" : optionPath;
        Objects.requireNonNull(message, "message");
    }

    public static Problem error(ComponentKey component, String optionPath, String message) {
        return new Problem(Severity.ERROR, Optional.ofNullable(component), optionPath, message, false);
    }

    /** An error that makes the graph unfit to store at all. */
    public static Problem structural(ComponentKey component, String optionPath, String message) {
        return new Problem(Severity.ERROR, Optional.ofNullable(component), optionPath, message, true);
    }

    public static Problem warning(ComponentKey component, String optionPath, String message) {
        return new Problem(Severity.WARNING, Optional.ofNullable(component), optionPath, message, false);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity + component.map(c -> " " + c).orElse("") + (optionPath.isEmpty() ? "" : " " + optionPath) + ": " + message;
    }
}
