package dev.vectorflow.adapter.http.identity;

import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.Caller;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.identity.IdentityResponses.MemberResponse;
import dev.vectorflow.adapter.http.identity.IdentityResponses.Page;
import dev.vectorflow.adapter.http.identity.IdentityResponses.TeamResponse;
import dev.vectorflow.adapter.http.identity.IdentityResponses.TokenResponse;
import dev.vectorflow.adapter.http.identity.IdentityResponses.UserResponse;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.adapter.http.json.JsonFields;
import dev.vectorflow.core.identity.ApiToken;
import dev.vectorflow.core.identity.ApiTokenId;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.Password;
import dev.vectorflow.core.identity.PersonName;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.Team;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.TeamName;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.identity.ApiTokenQueries;
import dev.vectorflow.ports.in.identity.ManageApiTokensUseCase;
import dev.vectorflow.ports.in.identity.ManageTeamsUseCase;
import dev.vectorflow.ports.in.identity.ManageUsersUseCase;
import dev.vectorflow.ports.in.identity.TeamQueries;
import dev.vectorflow.ports.in.identity.UserQueries;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import dev.vectorflow.core.validation.PlainText;

/** Users (platform admins), teams and members, and API tokens of users and teams. */
public final class IdentityController {

    private final ManageUsersUseCase manageUsers;
    private final UserQueries users;
    private final ManageTeamsUseCase manageTeams;
    private final TeamQueries teams;
    private final ManageApiTokensUseCase manageTokens;
    private final ApiTokenQueries tokens;
    private final JsonBodyReader bodies;
    private final Clock clock;

    public IdentityController(ManageUsersUseCase manageUsers, UserQueries users, ManageTeamsUseCase manageTeams, TeamQueries teams,
                              ManageApiTokensUseCase manageTokens, ApiTokenQueries tokens, JsonBodyReader bodies, Clock clock) {
        this.manageUsers = manageUsers;
        this.users = users;
        this.manageTeams = manageTeams;
        this.teams = teams;
        this.manageTokens = manageTokens;
        this.tokens = tokens;
        this.bodies = bodies;
        this.clock = clock;
    }

    /** Finds the team named by the {@code teamId} path parameter (empty when malformed). */
    public static Access.TeamLocator teamInPath() {
        return ctx -> {
            try {
                return Optional.of(TeamId.parse("teamId", ctx.pathParam("teamId")));
            } catch (InvalidValueException malformed) {
                return Optional.empty();
            }
        };
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/users", Access.platformAdmin(), this::listUsers);
        routes.post("/api/users", Access.platformAdmin(), this::createUser);
        routes.get("/api/users/{userId}", Access.platformAdmin(), this::getUser);
        routes.patch("/api/users/{userId}", Access.platformAdmin(), this::updateUser);
        routes.delete("/api/users/{userId}", Access.platformAdmin(), this::deleteUser);
        routes.post("/api/users/{userId}/password-reset", Access.platformAdmin(), this::resetPassword);

        routes.get("/api/teams", Access.signedIn(), this::listTeams);
        routes.post("/api/teams", Access.platformAdmin(), this::createTeam);
        routes.get("/api/teams/{teamId}", Access.team(Role.VIEWER, teamInPath()), this::getTeam);
        routes.patch("/api/teams/{teamId}", Access.platformAdmin(), this::renameTeam);
        routes.delete("/api/teams/{teamId}", Access.platformAdmin(), this::deleteTeam);
        routes.get("/api/teams/{teamId}/members", Access.team(Role.VIEWER, teamInPath()), this::listMembers);
        routes.put("/api/teams/{teamId}/members", Access.team(Role.ADMIN, teamInPath()), this::putMember);
        routes.delete("/api/teams/{teamId}/members/{userId}", Access.team(Role.ADMIN, teamInPath()), this::removeMember);
        routes.get("/api/teams/{teamId}/tokens", Access.team(Role.ADMIN, teamInPath()), this::listTeamTokens);
        routes.post("/api/teams/{teamId}/tokens", Access.team(Role.ADMIN, teamInPath()), this::createTeamToken);
        routes.delete("/api/teams/{teamId}/tokens/{tokenId}", Access.team(Role.ADMIN, teamInPath()), this::revokeTeamToken);

        routes.get("/api/me/tokens", Access.signedIn().usersOnly(), this::listMyTokens);
        routes.post("/api/me/tokens", Access.signedIn().usersOnly(), this::createMyToken);
        routes.delete("/api/me/tokens/{tokenId}", Access.signedIn().usersOnly(), this::revokeMyToken);
    }

    private static UserId userId(Context ctx) {
        try {
            return UserId.parse("userId", ctx.pathParam("userId"));
        } catch (InvalidValueException e) {
            throw ApiProblem.notFound("User " + ctx.pathParam("userId") + " does not exist");
        }
    }

    private static TeamId teamId(Context ctx) {
        return TeamId.parse("teamId", ctx.pathParam("teamId"));
    }

    private static ApiTokenId tokenId(Context ctx) {
        try {
            return ApiTokenId.parse("tokenId", ctx.pathParam("tokenId"));
        } catch (InvalidValueException e) {
            throw ApiProblem.notFound("API token " + ctx.pathParam("tokenId") + " does not exist");
        }
    }

    private UserResponse user(User u) {
        return UserResponse.fromDomain(u, clock.instant());
    }

    private void listUsers(Context ctx) {
        ctx.json(new Page<>(users.listUsers().stream().map(this::user).toList()));
    }

    private void createUser(Context ctx) throws Exception {
        JsonFields f = new JsonFields(bodies.readObject(ctx), Set.of("email", "name", "password", "platformAdmin"));
        Optional<Email> email = f.convert(f.requiredText("email"), Email::new);
        Optional<PersonName> name = f.convert(f.requiredText("name"), PersonName::new);
        Optional<Password> password = f.convert(f.requiredText("password"), p -> new Password(p).requireStrongEnough());
        Optional<Boolean> admin = f.optionalBoolean("platformAdmin");
        f.throwIfInvalid();
        User created = manageUsers.createUser(Caller.of(ctx).actor(), email.orElseThrow(), name.orElseThrow(), password.orElseThrow(),
                admin.orElse(false));
        ctx.status(HttpStatus.CREATED).header("Location", "/api/users/" + created.id()).json(user(created));
    }

    private void getUser(Context ctx) throws Exception {
        ctx.json(user(users.getUser(userId(ctx))));
    }

    private void updateUser(Context ctx) throws Exception {
        UserId id = userId(ctx);
        JsonFields f = new JsonFields(bodies.readObject(ctx), Set.of("name", "platformAdmin"));
        Optional<PersonName> name = f.has("name") ? f.convert(f.requiredText("name"), PersonName::new) : Optional.empty();
        Optional<Boolean> admin = f.optionalBoolean("platformAdmin");
        f.throwIfInvalid();
        ctx.json(user(manageUsers.updateUser(Caller.of(ctx).actor(), id, name, admin)));
    }

    private void deleteUser(Context ctx) throws Exception {
        manageUsers.deleteUser(Caller.of(ctx).actor(), userId(ctx));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void resetPassword(Context ctx) throws Exception {
        UserId id = userId(ctx);
        JsonFields f = new JsonFields(bodies.readObject(ctx), Set.of("temporaryPassword"));
        Optional<Password> password = f.convert(f.requiredText("temporaryPassword"), p -> {
            try {
                return new Password(p).requireStrongEnough();
            } catch (InvalidValueException e) {
                throw new InvalidValueException("temporaryPassword", e.problem());
            }
        });
        f.throwIfInvalid();
        manageUsers.resetPassword(Caller.of(ctx).actor(), id, password.orElseThrow());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private TeamResponse team(Context ctx, Team t) {
        return TeamResponse.fromDomain(t, Caller.of(ctx).principal().roleIn(t.id()).orElse(null));
    }

    private void listTeams(Context ctx) {
        ctx.json(new Page<>(teams.listTeams(Caller.of(ctx).principal()).stream().map(t -> team(ctx, t)).toList()));
    }

    private void createTeam(Context ctx) throws Exception {
        JsonFields f = new JsonFields(bodies.readObject(ctx), Set.of("name"));
        Optional<TeamName> name = f.convert(f.requiredText("name"), TeamName::new);
        f.throwIfInvalid();
        Team created = manageTeams.createTeam(Caller.of(ctx).actor(), name.orElseThrow());
        ctx.status(HttpStatus.CREATED).header("Location", "/api/teams/" + created.id()).json(team(ctx, created));
    }

    private void getTeam(Context ctx) throws Exception {
        ctx.json(team(ctx, teams.getTeam(teamId(ctx))));
    }

    private void renameTeam(Context ctx) throws Exception {
        TeamId id = parseTeamOr404(ctx);
        JsonFields f = new JsonFields(bodies.readObject(ctx), Set.of("name"));
        Optional<TeamName> name = f.convert(f.requiredText("name"), TeamName::new);
        f.throwIfInvalid();
        ctx.json(team(ctx, manageTeams.renameTeam(Caller.of(ctx).actor(), id, name.orElseThrow())));
    }

    private void deleteTeam(Context ctx) throws Exception {
        manageTeams.deleteTeam(Caller.of(ctx).actor(), parseTeamOr404(ctx));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private static TeamId parseTeamOr404(Context ctx) {
        try {
            return teamId(ctx);
        } catch (InvalidValueException e) {
            throw ApiProblem.notFound("Team " + ctx.pathParam("teamId") + " does not exist");
        }
    }

    private void listMembers(Context ctx) {
        ctx.json(new Page<>(teams.members(teamId(ctx)).stream().map(MemberResponse::fromDomain).toList()));
    }

    private void putMember(Context ctx) throws Exception {
        JsonFields f = new JsonFields(bodies.readObject(ctx), Set.of("email", "role"));
        Optional<Email> email = f.convert(f.requiredText("email"), Email::new);
        Optional<Role> role = f.convert(f.requiredText("role"), r -> Role.parse("role", r));
        f.throwIfInvalid();
        TeamId team = teamId(ctx);
        var membership = manageTeams.putMember(Caller.of(ctx).actor(), team, email.orElseThrow(), role.orElseThrow());
        // answered as the member list shows it: with the person's name
        ctx.json(teams.members(team).stream().filter(m -> m.user().id().equals(membership.userId())).findFirst()
                .map(MemberResponse::fromDomain)
                .orElseThrow(() -> new IllegalStateException("member " + membership.userId() + " missing right after it was put")));
    }

    private void removeMember(Context ctx) throws Exception {
        manageTeams.removeMember(Caller.of(ctx).actor(), teamId(ctx), userId(ctx));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private record TokenRequest(String name, Role role, Optional<Instant> expiresAt) {
    }

    private TokenRequest tokenRequest(Context ctx, Role defaultRole) {
        JsonFields f = new JsonFields(bodies.readObject(ctx), Set.of("name", "role", "expiresAt"));
        Optional<String> name = f.convert(f.requiredText("name"), n -> {
            PlainText.requireSingleLine("name", n, 100);
            return n;
        });
        Optional<Role> role = f.convert(f.optionalText("role", null), r -> Role.parse("role", r));
        Optional<Instant> expires = f.convert(f.optionalText("expiresAt", null), t -> {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw new InvalidValueException("expiresAt", "must be an ISO-8601 instant like 2027-01-31T00:00:00Z but was '" + t + "'");
            }
        });
        f.throwIfInvalid();
        return new TokenRequest(name.orElseThrow(), role.orElse(defaultRole), expires);
    }

    private void listTeamTokens(Context ctx) {
        ctx.json(new Page<>(tokens.tokensOfTeam(teamId(ctx)).stream().map(t -> TokenResponse.fromDomain(t, null)).toList()));
    }

    private void createTeamToken(Context ctx) throws Exception {
        TokenRequest request = tokenRequest(ctx, Role.VIEWER);
        var created = manageTokens.createTeamToken(Caller.of(ctx).actor(), teamId(ctx), request.name(), request.role(), request.expiresAt());
        ctx.status(HttpStatus.CREATED).json(TokenResponse.fromDomain(created.stored(), created.token()));
    }

    private void revokeTeamToken(Context ctx) throws Exception {
        ApiTokenId id = tokenId(ctx);
        TeamId team = teamId(ctx);
        ApiToken token = tokens.token(id).filter(t -> t.team().filter(team::equals).isPresent())
                .orElseThrow(() -> ApiProblem.notFound("API token " + id + " does not exist"));
        manageTokens.revoke(Caller.of(ctx).actor(), token.id());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void listMyTokens(Context ctx) {
        ctx.json(new Page<>(tokens.tokensOfUser(Caller.of(ctx).member().userId()).stream()
                .map(t -> TokenResponse.fromDomain(t, null)).toList()));
    }

    private void createMyToken(Context ctx) throws Exception {
        // made with a capped token, the new one defaults to that cap (never above it); made while signed in, to ADMIN
        TokenRequest request = tokenRequest(ctx, Caller.of(ctx).member().cap().orElse(Role.ADMIN));
        var created = manageTokens.createUserToken(Caller.of(ctx).actor(), Caller.of(ctx).member().userId(), request.name(),
                request.role(), request.expiresAt());
        ctx.status(HttpStatus.CREATED).json(TokenResponse.fromDomain(created.stored(), created.token()));
    }

    private void revokeMyToken(Context ctx) throws Exception {
        ApiTokenId id = tokenId(ctx);
        UserId me = Caller.of(ctx).member().userId();
        ApiToken token = tokens.token(id).filter(t -> t.user().filter(me::equals).isPresent())
                .orElseThrow(() -> ApiProblem.notFound("API token " + id + " does not exist"));
        manageTokens.revoke(Caller.of(ctx).actor(), token.id());
        ctx.status(HttpStatus.NO_CONTENT);
    }
}
