package dev.vectorflow.adapter.http.environment;

import dev.vectorflow.core.environment.Environment;
import java.time.Instant;
import dev.vectorflow.core.identity.TeamId;
import java.util.List;
import java.util.function.Function;

/** An environment as the API shows it ({@code requiresApproval}: deploys and promotions into it wait for another admin). */
public record EnvironmentResponse(String id, String teamId, String teamName, String name, String description, Instant createdAt,
                                  Instant updatedAt, boolean requiresApproval) {

    public static EnvironmentResponse fromDomain(Environment environment, Function<TeamId, String> teamNames) {
        return new EnvironmentResponse(environment.id().toString(), environment.teamId().toString(), teamNames.apply(environment.teamId()),
                environment.name().value(), environment.description(), environment.createdAt(), environment.updatedAt(),
                environment.requiresApproval());
    }

    /** The list answer: {@code {"items": [...]}}, ready for paging fields later. */
    public record Page(List<EnvironmentResponse> items) {

        public static Page fromDomain(List<Environment> environments, Function<TeamId, String> teamNames) {
            return new Page(environments.stream().map(e -> EnvironmentResponse.fromDomain(e, teamNames)).toList());
        }
    }
}
