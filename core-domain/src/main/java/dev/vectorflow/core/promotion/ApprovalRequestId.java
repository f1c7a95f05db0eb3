package dev.vectorflow.core.promotion;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Objects;
import java.util.UUID;

/** Identity of an approval request. */
public record ApprovalRequestId(UUID value) {

    public ApprovalRequestId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form of an id; a malformed one is an {@link InvalidValueException} on {@code field}. */
    public static ApprovalRequestId parse(String field, String text) {
        try {
            return new ApprovalRequestId(UUID.fromString(Objects.requireNonNull(text, field)));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException(field, "must be an approval request id (a UUID) but was '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
