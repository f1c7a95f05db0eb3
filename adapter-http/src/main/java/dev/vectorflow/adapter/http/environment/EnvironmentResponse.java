package dev.vectorflow.adapter.http.environment;

import dev.vectorflow.core.environment.Environment;
import java.time.Instant;
import java.util.List;

/** An environment as the API shows it. */
public record EnvironmentResponse(String id, String teamId, String name, String description, Instant createdAt, Instant updatedAt) {

    public static EnvironmentResponse fromDomain(Environment environment) {
        return new EnvironmentResponse(environment.id().toString(), environment.teamId().toString(), environment.name().value(), environment.description(),
                environment.createdAt(), environment.updatedAt());
    }

    /** The list answer: {@code {"items": [...]}}, ready for paging fields later. */
    public record Page(List<EnvironmentResponse> items) {

        public static Page fromDomain(List<Environment> environments) {
            return new Page(environments.stream().map(EnvironmentResponse::fromDomain).toList());
        }
    }
}
