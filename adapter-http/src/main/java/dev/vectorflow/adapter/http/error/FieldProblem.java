package dev.vectorflow.adapter.http.error;

/** One invalid field of a request: its name (a JSON path such as {@code name}) and what is wrong. */
public record FieldProblem(String field, String message) {
}
