package dev.vectorflow.adapter.http.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.Caller;
import dev.vectorflow.adapter.http.auth.RequestGuard;
import dev.vectorflow.adapter.http.auth.SignInThrottle;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.adapter.http.json.JsonFields;
import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.failure.RejectedCredentialsFailure;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.Password;
import dev.vectorflow.core.identity.PersonName;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.Session;
import dev.vectorflow.core.identity.Team;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.ports.in.identity.ChangePasswordUseCase;
import dev.vectorflow.ports.in.identity.SetupUseCase;
import dev.vectorflow.ports.in.identity.SignInUseCase;
import dev.vectorflow.ports.in.identity.SignInUseCase.SignedIn;
import dev.vectorflow.ports.in.identity.SignOutUseCase;
import dev.vectorflow.ports.in.identity.TeamQueries;
import dev.vectorflow.ports.in.identity.VerifySecondFactorUseCase;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.core.validation.InvalidValueException;

/** Sign-in, sign-out, first-run setup and one's own password: {@code /api/session}, {@code /api/setup}, {@code /api/me/password}. */
public final class SessionController {

    private final SignInUseCase signIn;
    private final SignOutUseCase signOut;
    private final SetupUseCase setup;
    private final ChangePasswordUseCase changePassword;
    private final TeamQueries teams;
    private final RequestGuard guard;
    private final SignInThrottle throttle;
    private final JsonBodyReader bodies;
    private final UserLookup users;
    private final VerifySecondFactorUseCase secondFactor;
    private final EndSessionLookup endSession;
    private final java.util.function.Function<Context, java.net.URI> origin;

    /** The identity provider's end-session address of a session that came from one (empty otherwise). */
    @FunctionalInterface
    public interface EndSessionLookup {
        Optional<java.net.URI> find(String sessionToken, java.net.URI requestOrigin);
    }

    /** Looks up the account of the signed-in user (empty when it was deleted meanwhile). */
    @FunctionalInterface
    public interface UserLookup {
        Optional<User> find(UserId id);
    }

    public SessionController(SignInUseCase signIn, SignOutUseCase signOut, SetupUseCase setup, ChangePasswordUseCase changePassword,
                             TeamQueries teams, RequestGuard guard, SignInThrottle throttle, JsonBodyReader bodies, UserLookup users,
                             VerifySecondFactorUseCase secondFactor, EndSessionLookup endSession,
                             java.util.function.Function<Context, java.net.URI> origin) {
        this.secondFactor = secondFactor;
        this.endSession = endSession;
        this.origin = origin;
        this.signIn = signIn;
        this.signOut = signOut;
        this.setup = setup;
        this.changePassword = changePassword;
        this.teams = teams;
        this.guard = guard;
        this.throttle = throttle;
        this.bodies = bodies;
        this.users = users;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/session", Access.publicRoute(), this::current);
        routes.post("/api/session", Access.publicRoute(), this::signIn);
        routes.post("/api/session/second-factor", Access.publicRoute(), this::verifySecondFactor);
        routes.delete("/api/session", Access.signedIn().evenWhilePasswordChangeRequired().evenWhileTwoFactorEnrollmentRequired(), this::signOut);
        routes.post("/api/session/revoke-all", Access.signedIn().usersOnly().evenWhilePasswordChangeRequired()
                .evenWhileTwoFactorEnrollmentRequired(), this::signOutEverywhere);
        routes.post("/api/setup", Access.publicRoute(), this::completeSetup);
        routes.post("/api/me/password", Access.signedIn().usersOnly().evenWhilePasswordChangeRequired(), this::changePassword);
    }

    private void current(Context ctx) {
        Caller caller = Caller.of(ctx);
        if (caller.principal() instanceof Principal.Member member && caller.session().isPresent()) {
            Map<String, Object> body = signedInBody(member, caller.session().get());
            @SuppressWarnings("unchecked")
            Map<String, Object> user = (Map<String, Object>) body.get("user");
            user.put("twoFactorEnrollmentRequired", caller.twoFactorEnrollmentRequired());
            ctx.json(body);
        } else {
            ctx.json(Map.of("authenticated", false, "setupRequired", setup.setupRequired()));
        }
    }

    private Map<String, Object> signedInBody(Principal.Member member, Session session) {
        List<Map<String, Object>> teamList = teams.listTeams(member).stream()
                .map(t -> teamEntry(t, member.roleIn(t.id()).orElse(Role.VIEWER))).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authenticated", true);
        body.put("user", userBody(member));
        body.put("teams", teamList);
        body.put("csrfToken", session.csrfToken());
        return body;
    }

    private static Map<String, Object> teamEntry(Team t, Role role) {
        return Map.of("id", t.id().toString(), "name", t.name().value(), "role", role.name());
    }

    private Map<String, Object> userBody(Principal.Member member) {
        Optional<User> account = users.find(member.userId());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", member.userId().toString());
        user.put("email", member.email().value());
        user.put("name", account.map(u -> u.name().value()).orElse(""));
        user.put("platformAdmin", member.isPlatformAdmin());
        // false for an account that signs in only through an identity provider (no password, no TOTP of its own)
        user.put("hasPassword", account.map(User::hasPassword).orElse(true));
        user.put("mustChangePassword", member.mustChangePassword());
        // NEW_ACCOUNT (choose a first password) or RESET (an admin replaced it); null when no change is due
        user.put("passwordChangeReason", account.flatMap(User::passwordChangeReason).map(Enum::name).orElse(null));
        return user;
    }

    private void signIn(Context ctx) {
        ObjectNode body = bodies.readObject(ctx);
        JsonFields fields = new JsonFields(body, Set.of("email", "password"));
        Optional<String> email = fields.requiredText("email");
        Optional<String> password = fields.requiredText("password");
        fields.throwIfInvalid();
        String address = unthrottledAddress(ctx);
        SignInUseCase.SignInResult result = signIn.signIn(
                new SignInUseCase.SignInCommand(email.orElseThrow(), password.orElseThrow(), address, ctx.userAgent()));
        answer(ctx, address, result, "Wrong email or password.");
    }

    private void answer(Context ctx, String address, SignInUseCase.SignInResult result, String rejection) {
        switch (result) {
            case SignedIn signedIn -> {
                throttle.succeeded(address);
                startSession(ctx, signedIn);
            }
            case SignInUseCase.LockedOut locked -> tooMany(ctx, locked.retryAfter());
            case SignInUseCase.Rejected rejected -> {
                throttle.failed(address);
                throw new ApiProblem(401, "Unauthorized", rejection, List.of());
            }
            case SignInUseCase.SecondFactorRequired second -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("authenticated", false);
                body.put("secondFactorRequired", true);
                body.put("challenge", second.challengeToken());
                ctx.json(body);
            }
            case SignInUseCase.LocalSignInDisabled disabled -> throw new ApiProblem(403, "Local Sign-In Disabled",
                    "Sign-in with a password is turned off; sign in with your organisation's identity provider.", List.of());
        }
    }

    /** The second step of a sign-in with a second factor: {@code {"challenge", "code"}} (a TOTP code or a recovery code). */
    private void verifySecondFactor(Context ctx) {
        JsonFields fields = new JsonFields(bodies.readObject(ctx), Set.of("challenge", "code"));
        Optional<String> challenge = fields.requiredText("challenge");
        Optional<String> code = fields.requiredText("code");
        fields.throwIfInvalid();
        String address = unthrottledAddress(ctx);
        answer(ctx, address, secondFactor.verifySecondFactor(new VerifySecondFactorUseCase.VerifySecondFactorCommand(challenge.orElseThrow(),
                code.orElseThrow(), address, ctx.userAgent())), "The code is wrong, was used already, or the sign-in expired.");
    }

    /** The client's address, when it has not failed too often lately (otherwise 429). */
    private String unthrottledAddress(Context ctx) {
        String address = guard.clientAddress(ctx);
        Optional<Duration> blocked = throttle.blocked(address);
        if (blocked.isPresent()) {
            tooMany(ctx, blocked.get());
        }
        return address;
    }

    private static void tooMany(Context ctx, Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.toSeconds());
        ctx.header("Retry-After", String.valueOf(seconds));
        throw new ApiProblem(429, "Too Many Requests",
                "Too many failed sign-ins; try again in " + Math.max(1, (seconds + 59) / 60) + " minute(s).", List.of());
    }

    /** Sets a brand-new session cookie (a session id from before sign-in is never reused) and answers who is signed in. */
    private void startSession(Context ctx, SignedIn signedIn) {
        setSessionCookie(ctx, signedIn.sessionToken());
        ctx.json(signedInBody(signedIn.principal(), signedIn.session()));
    }

    /** Sets the cookie of a session that was just opened. */
    public void setSessionCookie(Context ctx, String sessionToken) {
        Cookie cookie = new Cookie(RequestGuard.SESSION_COOKIE, sessionToken);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSecure(guard.overTls(ctx));
        cookie.setSameSite(SameSite.LAX);
        ctx.cookie(cookie);
    }

    private void clearCookie(Context ctx) {
        Cookie cookie = new Cookie(RequestGuard.SESSION_COOKIE, "");
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSecure(guard.overTls(ctx));
        cookie.setSameSite(SameSite.LAX);
        cookie.setMaxAge(0);
        ctx.cookie(cookie);
    }

    /** Ends the session; a session from an identity provider with an end-session endpoint answers where to end it there too. */
    private void signOut(Context ctx) {
        Caller caller = Caller.of(ctx);
        Optional<java.net.URI> there = caller.sessionToken().flatMap(token -> endSession.find(token, origin.apply(ctx)));
        caller.sessionToken().ifPresent(token -> signOut.signOut(caller.actor(), token));
        clearCookie(ctx);
        if (there.isPresent()) {
            ctx.json(Map.of("endSessionUrl", there.get().toString()));
        } else {
            ctx.status(HttpStatus.NO_CONTENT);
        }
    }

    private void signOutEverywhere(Context ctx) {
        Caller caller = Caller.of(ctx);
        signOut.signOutEverywhere(caller.actor(), caller.member().userId());
        clearCookie(ctx);
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void completeSetup(Context ctx) throws RejectedCredentialsFailure {
        JsonFields fields = new JsonFields(bodies.readObject(ctx), Set.of("token", "email", "name", "password"));
        Optional<String> token = fields.requiredText("token");
        Optional<Email> email = fields.convert(fields.requiredText("email"), Email::new);
        Optional<PersonName> name = fields.convert(fields.requiredText("name"), PersonName::new);
        Optional<Password> password = fields.convert(fields.requiredText("password"), p -> new Password(p).requireStrongEnough());
        fields.throwIfInvalid();
        SignedIn signedIn;
        try {
            signedIn = setup.completeSetup(token.orElseThrow(), email.orElseThrow(), name.orElseThrow(), password.orElseThrow(),
                    guard.clientAddress(ctx), ctx.userAgent());
        } catch (RejectedCredentialsFailure invalidLink) {
            throw ApiProblem.notFound(invalidLink.getMessage());
        }
        startSession(ctx, signedIn);
        ctx.status(HttpStatus.CREATED);
    }

    private void changePassword(Context ctx) throws RejectedCredentialsFailure {
        Caller caller = Caller.of(ctx);
        JsonFields fields = new JsonFields(bodies.readObject(ctx), Set.of("currentPassword", "newPassword"));
        Optional<Password> current = fields.convert(fields.requiredText("currentPassword"), Password::new);
        Optional<Password> replacement = fields.convert(fields.requiredText("newPassword"), p -> {
            try {
                return new Password(p).requireStrongEnough();
            } catch (InvalidValueException e) {
                throw new InvalidValueException("newPassword", e.problem());
            }
        });
        fields.throwIfInvalid();
        changePassword.changePassword(caller.actor(), caller.member().userId(), current.orElseThrow(), replacement.orElseThrow(),
                caller.sessionToken().orElse(null));
        ctx.status(HttpStatus.NO_CONTENT);
    }
}
