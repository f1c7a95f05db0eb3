package dev.vectorflow.adapter.http.auth;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.identity.Session;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Who sent the current request, as the {@link RequestGuard} established it: the principal, the
 * session when it came with the session cookie, and the client address.
 */
public record Caller(Principal principal, Optional<Session> session, Optional<String> sessionToken, String address, String userAgent,
                     boolean twoFactorEnrollmentRequired) {

    public Caller(Principal principal, Optional<Session> session, Optional<String> sessionToken, String address, String userAgent) {
        this(principal, session, sessionToken, address, userAgent, false);
    }

    private static final String ATTRIBUTE = "vectorflow.caller";

    static void set(Context ctx, Caller caller) {
        ctx.attribute(ATTRIBUTE, caller);
    }

    public static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("no caller on a request the guard did not see");
        }
        return caller;
    }

    public Actor actor() {
        return new Actor(principal, address, userAgent);
    }

    /** The signed-in user; fails for team tokens and anonymous callers (the route rule keeps them out). */
    public Principal.Member member() {
        if (principal instanceof Principal.Member member) {
            return member;
        }
        throw new IllegalStateException("route needs a user but the guard let " + principal.getClass().getSimpleName() + " through");
    }
}
