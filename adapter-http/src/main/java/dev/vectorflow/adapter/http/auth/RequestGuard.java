package dev.vectorflow.adapter.http.auth;

import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.SecretTokens;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.ports.in.identity.AuthenticateUseCase;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before every API handler: finds out who is calling (bearer API token or session cookie),
 * checks CSRF on cookie-authenticated state changes, and enforces the route's {@link Access}
 * rule. A route without a rule is refused (fail closed).
 */
public final class RequestGuard {

    public static final String SESSION_COOKIE = "vf_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Where the agent API lives. */
    public static final String AGENT_PATHS = "/api/agent/";
    private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);
    private static final Set<HandlerType> STATE_CHANGING = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    private final AuthenticateUseCase authenticate;
    private final boolean trustProxyHeaders;

    public RequestGuard(AuthenticateUseCase authenticate, boolean trustProxyHeaders) {
        this.authenticate = authenticate;
        this.trustProxyHeaders = trustProxyHeaders;
    }

    /** The client's address: the socket peer, or the first X-Forwarded-For hop behind a trusted proxy. */
    public String clientAddress(Context ctx) {
        if (trustProxyHeaders) {
            String forwarded = ctx.header("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].strip();
            }
        }
        return ctx.ip();
    }

    /** True when the request reached us over TLS (directly, or per X-Forwarded-Proto behind a trusted proxy). */
    public boolean overTls(Context ctx) {
        if (trustProxyHeaders && ctx.header("X-Forwarded-Proto") != null) {
            return "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        }
        return "https".equalsIgnoreCase(ctx.scheme());
    }

    /** Establishes the caller; an invalid bearer token is refused at once. */
    public void identify(Context ctx) {
        String address = clientAddress(ctx);
        if (ctx.path().startsWith(AGENT_PATHS)) {
            // the agent API authenticates node tokens itself; sessions and API tokens mean nothing there
            Caller.set(ctx, new Caller(new Principal.Anonymous(), Optional.empty(), Optional.empty(), address, ""));
            return;
        }
        String userAgent = Optional.ofNullable(ctx.userAgent()).orElse("");
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Principal principal = authenticate.byApiToken(authorization.substring(7).strip())
                    .orElseThrow(() -> new ApiProblem(401, "Unauthorized", "The API token is unknown, revoked or expired.", List.of()));
            Caller.set(ctx, new Caller(principal, Optional.empty(), Optional.empty(), address, userAgent));
            return;
        }
        String cookie = ctx.cookie(SESSION_COOKIE);
        if (cookie != null) {
            Optional<AuthenticateUseCase.SessionPrincipal> session = authenticate.bySession(cookie);
            if (session.isPresent()) {
                Caller.set(ctx, new Caller(session.get().principal(), Optional.of(session.get().session()), Optional.of(cookie),
                        address, userAgent, session.get().twoFactorEnrollmentRequired()));
                return;
            }
        }
        Caller.set(ctx, new Caller(new Principal.Anonymous(), Optional.empty(), Optional.empty(), address, userAgent));
    }

    /** Enforces the matched route's rule. */
    public void enforce(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        Access access = matched == null ? null : matched.metadata(Access.class);
        if (access == null) {
            LOG.error("route {} {} has no access rule; refusing", ctx.method(), matched == null ? ctx.path() : matched.path);
            throw new ApiProblem(403, "Forbidden", "This endpoint has no access rule.", List.of());
        }
        Caller caller = Caller.of(ctx);
        boolean agentRoute = access.kind() == Access.Kind.AGENT || access.kind() == Access.Kind.AGENT_ENROLLMENT;
        if (agentRoute && !ctx.path().startsWith(AGENT_PATHS)) {
            LOG.error("route {} {} has an access rule for the wrong kind of caller; refusing", ctx.method(), matched.path);
            throw new ApiProblem(403, "Forbidden", "This endpoint has a wrong access rule.", List.of());
        }
        if (access.kind() == Access.Kind.PUBLIC || agentRoute) {
            return;
        }
        Principal principal = caller.principal();
        if (principal instanceof Principal.Anonymous) {
            throw new ApiProblem(401, "Unauthorized", "Sign in or send an API token (Authorization: Bearer ...).", List.of());
        }
        if (caller.session().isPresent() && STATE_CHANGING.contains(ctx.method())) {
            String sent = ctx.header(CSRF_HEADER);
            if (!SecretTokens.constantTimeEquals(sent, caller.session().get().csrfToken())) {
                throw new ApiProblem(403, "Forbidden", "CSRF token missing or wrong (send the X-CSRF-Token header).", List.of());
            }
        }
        if (access.forUsersOnly() && !(principal instanceof Principal.Member)) {
            throw new ApiProblem(403, "Forbidden", "Only users can do this, not team tokens.", List.of());
        }
        if (principal instanceof Principal.Member member && member.mustChangePassword() && !access.allowedWhilePasswordChangeRequired()) {
            throw new ApiProblem(403, "Password Change Required", "Change your password first (POST /api/me/password).", List.of());
        }
        if (caller.twoFactorEnrollmentRequired() && !access.allowedWhileTwoFactorEnrollmentRequired()) {
            throw new ApiProblem(403, "Two-Factor Enrollment Required",
                    "A second factor is required of your account: enrol one first (POST /api/me/two-factor).", List.of());
        }
        switch (access.kind()) {
            case SIGNED_IN -> { }
            case PLATFORM_ADMIN -> {
                if (!principal.platformAdmin()) {
                    throw new ApiProblem(403, "Forbidden", "Only platform admins can do this.", List.of());
                }
            }
            case TEAM_ROLE -> {
                Optional<TeamId> team = access.team().locate(ctx);
                Optional<Role> role = team.flatMap(principal::roleIn);
                if (role.isEmpty()) {
                    // another team's object looks exactly like one that does not exist
                    throw ApiProblem.notFound("There is no such " + objectKind(ctx) + ".");
                }
                if (!role.get().atLeast(access.minimumRole())) {
                    throw new ApiProblem(403, "Forbidden", "This needs the " + access.minimumRole() + " role in the team; you have "
                            + role.get() + ".", List.of());
                }
            }
            case PUBLIC, AGENT, AGENT_ENROLLMENT -> throw new IllegalStateException("handled above");
        }
    }

    private static String objectKind(Context ctx) {
        String path = ctx.endpoints().matchedHttpEndpoint().path;
        if (path.startsWith("/api/environments/")) {
            return "environment";
        }
        return "team";
    }
}
