package dev.vectorflow.adapter.http.enrollment;

import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.Caller;
import dev.vectorflow.adapter.http.enrollment.EnrollmentTokenResponses.EnrollmentTokenResponse;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.adapter.http.json.JsonFields;
import dev.vectorflow.adapter.http.params.PathParams;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.EnrollmentToken;
import dev.vectorflow.core.fleet.EnrollmentTokenId;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.validation.PlainText;
import dev.vectorflow.ports.in.enrollment.CreateEnrollmentTokenCommand;
import dev.vectorflow.ports.in.enrollment.CreateEnrollmentTokenUseCase;
import dev.vectorflow.ports.in.enrollment.EnrollmentTokenQueries;
import dev.vectorflow.ports.in.enrollment.IssuedEnrollmentToken;
import dev.vectorflow.ports.in.enrollment.RevokeEnrollmentTokenCommand;
import dev.vectorflow.ports.in.enrollment.RevokeEnrollmentTokenUseCase;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** The enrollment tokens of an environment, which its admins list, issue and revoke. */
public final class EnrollmentTokenController {

    /** The longest name of a token. */
    public static final int MAX_NAME_LENGTH = 100;
    /** The longest life of a token: a year. */
    public static final int MAX_EXPIRES_IN_HOURS = 24 * 365;


    private final CreateEnrollmentTokenUseCase create;
    private final RevokeEnrollmentTokenUseCase revoke;
    private final EnrollmentTokenQueries queries;
    private final Access.TeamLocator environmentTeam;
    private final JsonBodyReader bodies;
    private final Clock clock;

    public EnrollmentTokenController(CreateEnrollmentTokenUseCase create, RevokeEnrollmentTokenUseCase revoke, EnrollmentTokenQueries queries,
                                     Access.TeamLocator environmentTeam, JsonBodyReader bodies, Clock clock) {
        this.create = create;
        this.revoke = revoke;
        this.queries = queries;
        this.environmentTeam = environmentTeam;
        this.bodies = bodies;
        this.clock = clock;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/environments/{id}/enrollment-tokens", Access.team(Role.ADMIN, environmentTeam), this::listTokens);
        routes.post("/api/environments/{id}/enrollment-tokens", Access.team(Role.ADMIN, environmentTeam), this::createToken);
        routes.delete("/api/environments/{id}/enrollment-tokens/{tokenId}", Access.team(Role.ADMIN, environmentTeam), this::revokeToken);
    }

    private void listTokens(Context ctx) throws NotFoundFailure {
        Instant now = clock.instant();
        ctx.json(queries.enrollmentTokens(PathParams.environmentId(ctx)).stream().map(t -> EnrollmentTokenResponse.fromDomain(t, null, now))
                .toList());
    }

    private void createToken(Context ctx) throws NotFoundFailure {
        EnvironmentId environment = PathParams.environmentId(ctx);
        JsonFields body = new JsonFields(bodies.readObject(ctx), Set.of("name", "expiresInHours", "maxUses", "labels"));
        Optional<String> name = body.optionalText("name", "");
        Optional<Integer> hours = body.optionalInt("expiresInHours", 1, MAX_EXPIRES_IN_HOURS);
        Optional<Integer> maxUses = body.optionalInt("maxUses", 1, EnrollmentToken.MAX_USES_LIMIT);
        Optional<Labels> labels = body.convert(body.optionalStringMap("labels"), Labels::of);
        body.convert(name, n -> PlainText.optionalLine("name", n, MAX_NAME_LENGTH));
        body.throwIfInvalid();
        IssuedEnrollmentToken issued = create.createEnrollmentToken(new CreateEnrollmentTokenCommand(Caller.of(ctx).actor(), environment,
                name.orElse(""), Duration.ofHours(hours.orElse(24)), maxUses.orElse(1), labels.orElse(Labels.NONE)));
        ctx.status(201).json(EnrollmentTokenResponse.fromDomain(issued.token(), issued.text(), clock.instant()));
    }

    private void revokeToken(Context ctx) throws NotFoundFailure {
        revoke.revokeEnrollmentToken(new RevokeEnrollmentTokenCommand(Caller.of(ctx).actor(), PathParams.environmentId(ctx),
                EnrollmentTokenId.parse("tokenId", ctx.pathParam("tokenId"))));
        ctx.status(204);
    }
}
