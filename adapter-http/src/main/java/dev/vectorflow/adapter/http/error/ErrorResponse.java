package dev.vectorflow.adapter.http.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The one JSON shape of every error the API answers (served as {@code application/problem+json}):
 * HTTP status, a short title, a detail sentence for people and, for validation errors, the
 * problems per field.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorResponse(int status, String title, String detail, List<FieldProblem> problems) {

    public ErrorResponse {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** The detail again under the name agent protocol v1 reads ({@code {"error": "..."}}). */
    @com.fasterxml.jackson.annotation.JsonProperty("error")
    public String error() {
        return detail;
    }
}
