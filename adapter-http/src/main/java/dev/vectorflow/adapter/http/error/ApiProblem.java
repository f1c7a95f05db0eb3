package dev.vectorflow.adapter.http.error;

import java.util.List;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown by handlers to answer with an {@link ErrorResponse}; the exception mapper writes it.
 * Carries only what the client may see.
 */
public final class ApiProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorResponse response;
    private final transient Map<String, String> headers = new LinkedHashMap<>();

    public ApiProblem(int status, String title, String detail, List<FieldProblem> problems) {
        super(detail, null, false, false);
        this.response = new ErrorResponse(status, title, detail, problems);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "Bad Request", detail, List.of());
    }

    public static ApiProblem invalid(List<FieldProblem> problems) {
        return new ApiProblem(400, "Validation Failed",
                problems.size() == 1 ? "The request has an invalid field." : "The request has " + problems.size() + " invalid fields.",
                problems);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not Found", detail, List.of());
    }

    public static ApiProblem unsupportedMediaType(String detail) {
        return new ApiProblem(415, "Unsupported Media Type", detail, List.of());
    }

    public static ApiProblem contentTooLarge(long limit) {
        return new ApiProblem(413, "Content Too Large", "The request body is larger than the limit of " + limit + " bytes.", List.of());
    }

    public ErrorResponse response() {
        return response;
    }

    /** The same problem, answered with an extra header (e.g. {@code Retry-After}). */
    public ApiProblem withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }
}
