package dev.vectorflow.ports.in.enrollment;

import dev.vectorflow.core.fleet.EnrollmentToken;
import java.util.Objects;

/** An enrollment token as stored, and its text, which is shown this once. */
public record IssuedEnrollmentToken(EnrollmentToken token, String text) {

    public IssuedEnrollmentToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return "IssuedEnrollmentToken[" + token.id() + ", ****]";
    }
}
