package dev.vectorflow.adapter.http.identity;

import static dev.vectorflow.adapter.http.openapi.Schema.array;
import static dev.vectorflow.adapter.http.openapi.Schema.bool;
import static dev.vectorflow.adapter.http.openapi.Schema.dateTime;
import static dev.vectorflow.adapter.http.openapi.Schema.enumeration;
import static dev.vectorflow.adapter.http.openapi.Schema.integer;
import static dev.vectorflow.adapter.http.openapi.Schema.items;
import static dev.vectorflow.adapter.http.openapi.Schema.nullable;
import static dev.vectorflow.adapter.http.openapi.Schema.object;
import static dev.vectorflow.adapter.http.openapi.Schema.of;
import static dev.vectorflow.adapter.http.openapi.Schema.oneOf;
import static dev.vectorflow.adapter.http.openapi.Schema.string;

import dev.vectorflow.adapter.http.identity.IdentityResponses.MemberResponse;
import dev.vectorflow.adapter.http.identity.IdentityResponses.TeamResponse;
import dev.vectorflow.adapter.http.identity.IdentityResponses.TokenResponse;
import dev.vectorflow.adapter.http.identity.IdentityResponses.UserResponse;
import dev.vectorflow.adapter.http.openapi.ApiDocs;
import dev.vectorflow.adapter.http.openapi.Schema;
import dev.vectorflow.core.identity.OidcProvider;
import dev.vectorflow.core.identity.Password;
import dev.vectorflow.core.identity.Role;
import java.util.Arrays;

/** Sessions, the first admin, users, teams, API tokens, second factors and identity providers in the OpenAPI document. */
public final class IdentityApiDocs {

    private IdentityApiDocs() {
    }

    private static Schema role() {
        return enumeration(Arrays.stream(Role.values()).map(Enum::name).toArray(String[]::new));
    }

    private static Schema password() {
        return string(Password.MAX_LENGTH).describedAs("at least " + Password.MIN_LENGTH + " characters, not a common password");
    }

    /** Who is signed in, with the CSRF token; or who is not (and whether the first admin must still be created). */
    private static Schema session() {
        Schema user = object().required("id", string()).required("email", string()).required("name", string())
                .required("platformAdmin", bool()).required("hasPassword", bool()).required("mustChangePassword", bool())
                .optional("passwordChangeReason", enumeration("NEW_ACCOUNT", "RESET"))
                .optional("twoFactorEnrollmentRequired", bool());
        Schema team = object().required("id", string()).required("name", string()).required("role", role());
        Schema signedIn = object().required("authenticated", bool()).required("user", user).required("teams", array(team))
                .required("csrfToken", string());
        Schema anonymous = object().required("authenticated", bool()).required("setupRequired", bool());
        return oneOf(signedIn, anonymous);
    }

    private static Schema signInAnswer() {
        Schema secondStep = object().required("authenticated", bool()).required("secondFactorRequired", bool())
                .required("challenge", string());
        return oneOf(session(), secondStep);
    }

    private static Schema tokenRequest() {
        return object().required("name", string(100)).optional("role", role())
                .optional("expiresAt", dateTime().describedAs("ISO-8601 instant; none: never expires"));
    }

    private static Schema provider() {
        Schema rule = object().required("group", string()).optional("team", string()).optional("role", role())
                .required("platformAdmin", bool());
        return object().required("id", string()).required("name", string()).required("issuer", string()).required("clientId", string())
                .required("clientSecretSet", bool()).required("scopes", array(string())).required("emailClaim", string())
                .required("groupsClaim", string()).required("allowUnverifiedEmail", bool()).required("linkExistingUsers", bool())
                .required("rules", array(rule)).optional("defaultTeam", string()).optional("defaultRole", role())
                .required("enabled", bool()).required("redirectPath", string()).required("createdAt", dateTime())
                .required("updatedAt", dateTime());
    }

    private static Schema providerRequest() {
        Schema rule = object().required("group", string()).optional("team", string()).optional("role", role())
                .optional("platformAdmin", bool());
        return object().required("name", string()).required("issuer", string("uri")).required("clientId", string())
                .optional("clientSecret", nullable(string()).describedAs("absent keeps the stored one (on PUT); null or empty: a public client"))
                .optional("scopes", array(string())).optional("emailClaim", string()).optional("groupsClaim", string())
                .optional("allowUnverifiedEmail", bool()).optional("linkExistingUsers", bool())
                .optional("rules", array(rule).describedAs("at most " + OidcProvider.MAX_RULES + " group rules"))
                .optional("defaultTeam", string()).optional("defaultRole", role()).optional("enabled", bool());
    }

    public static void describe(ApiDocs docs) {
        docs.tag("Session");
        docs.get("/api/session", "Who is signed in (with the CSRF token for changes), or that no one is")
                .ok(session());
        docs.post("/api/session", "Sign in with e-mail and password; sets the session cookie")
                .description("A user with a second factor gets `secondFactorRequired` and a challenge for POST /api/session/second-factor."
                        + " Too many failures from one address answer 429 with Retry-After; 403 when password sign-in is turned off.")
                .body(object().required("email", string()).required("password", string()))
                .ok(signInAnswer());
        docs.post("/api/session/second-factor", "The second step of a sign-in: a TOTP code or a recovery code")
                .body(object().required("challenge", string()).required("code", string()))
                .ok(signInAnswer());
        docs.delete("/api/session", "Sign out")
                .description("A session from an identity provider with an end-session endpoint answers 200 with the address to end it there too.")
                .ok(object().required("endSessionUrl", string("uri")))
                .noContent();
        docs.post("/api/session/revoke-all", "Sign out every session of the caller").noContent();
        docs.post("/api/setup", "Create the first platform admin with the one-time link the server printed")
                .body(object().required("token", string()).required("email", string()).required("name", string()).required("password", password()))
                .created(session());
        docs.post("/api/me/password", "Change the caller's password (other sessions end)")
                .body(object().required("currentPassword", string()).required("newPassword", password()))
                .noContent();

        docs.tag("Users and teams");
        docs.get("/api/users", "Every user account").ok(items(of(UserResponse.class)));
        docs.post("/api/users", "Create a user (must choose a new password at first sign-in)")
                .body(object().required("email", string()).required("name", string()).required("password", password())
                        .optional("platformAdmin", bool()))
                .created(of(UserResponse.class));
        docs.get("/api/users/{userId}", "One user").ok(of(UserResponse.class));
        docs.patch("/api/users/{userId}", "Rename a user or change whether they are a platform admin")
                .body(object().optional("name", string()).optional("platformAdmin", bool()))
                .ok(of(UserResponse.class));
        docs.delete("/api/users/{userId}", "Delete a user (not the last platform admin)").noContent();
        docs.post("/api/users/{userId}/password-reset", "Give a user a temporary password (they must change it; their sessions end)")
                .body(object().required("temporaryPassword", password()))
                .noContent();
        docs.get("/api/teams", "The caller's teams (every team for platform admins)").ok(items(of(TeamResponse.class)));
        docs.post("/api/teams", "Create a team").body(object().required("name", string(100))).created(of(TeamResponse.class));
        docs.get("/api/teams/{teamId}", "One team, with the caller's role in it").ok(of(TeamResponse.class));
        docs.patch("/api/teams/{teamId}", "Rename a team").body(object().required("name", string(100))).ok(of(TeamResponse.class));
        docs.delete("/api/teams/{teamId}", "Delete a team (refused while it has environments)").noContent();
        docs.get("/api/teams/{teamId}/members", "The team's members and their roles").ok(items(of(MemberResponse.class)));
        docs.put("/api/teams/{teamId}/members", "Add a user to the team or change their role")
                .body(object().required("email", string()).required("role", role()))
                .ok(of(MemberResponse.class));
        docs.delete("/api/teams/{teamId}/members/{userId}", "Remove a member (not the team's last admin)").noContent();

        docs.tag("API tokens");
        docs.get("/api/teams/{teamId}/tokens", "The team's API tokens (never their text)").ok(items(of(TokenResponse.class)));
        docs.post("/api/teams/{teamId}/tokens", "Create a team API token; its text is answered once")
                .body(tokenRequest()).created(of(TokenResponse.class));
        docs.delete("/api/teams/{teamId}/tokens/{tokenId}", "Revoke a team API token").noContent();
        docs.get("/api/me/tokens", "The caller's personal API tokens").ok(items(of(TokenResponse.class)));
        docs.post("/api/me/tokens", "Create a personal API token (acts as the caller); its text is answered once")
                .body(tokenRequest()).created(of(TokenResponse.class));
        docs.delete("/api/me/tokens/{tokenId}", "Revoke a personal API token").noContent();

        docs.tag("Two-factor authentication");
        Schema code = object().required("code", string().describedAs("a 6-digit TOTP code, or a recovery code"));
        Schema recoveryCodes = object().required("recoveryCodes", array(string()));
        docs.get("/api/me/two-factor", "Whether the caller's second factor is on, pending, required, and the recovery codes left")
                .ok(object().required("enabled", bool()).required("pending", bool()).required("recoveryCodesLeft", integer())
                        .required("required", bool()));
        docs.post("/api/me/two-factor", "Start enrolling a TOTP second factor: the secret, its otpauth:// address and a QR code (SVG)")
                .created(object().required("secret", string()).required("otpauthUri", string()).required("qrSvg", string()));
        docs.post("/api/me/two-factor/confirm", "Turn the second factor on with a first code; answers the recovery codes once")
                .body(code).ok(recoveryCodes);
        docs.post("/api/me/two-factor/recovery-codes", "New recovery codes (the old ones stop working)").body(code).ok(recoveryCodes);
        docs.post("/api/me/two-factor/disable", "Turn the second factor off (refused while a team requires one)").body(code).noContent();
        docs.delete("/api/users/{userId}/two-factor", "Reset a user's second factor (they enrol again)").noContent();
        docs.get("/api/teams/{teamId}/two-factor", "Whether the team's members must use a second factor")
                .ok(object().required("required", bool()));
        docs.put("/api/teams/{teamId}/two-factor", "Require a second factor of the team's members, or stop requiring it")
                .body(object().required("required", bool())).ok(object().required("required", bool()));

        docs.tag("Single sign-on");
        docs.get("/api/auth/providers", "What the sign-in page offers: password sign-in, and each identity provider with whether it can be used now")
                .ok(object().required("localSignIn", bool()).required("providers", array(object().required("id", string())
                        .required("name", string()).required("available", bool()).optional("problem", string()))));
        docs.post("/api/auth/oidc/{providerId}/start", "Start a sign-in with an identity provider: the address to send the browser to")
                .description("503 with the reason when the provider cannot be reached.")
                .ok(object().required("authorizationUrl", string("uri")));
        docs.get("/api/auth/oidc/callback", "Where the identity provider sends the browser back; redirects to the UI")
                .query("code", string(), "the authorization code").query("state", string(), "the sign-in's state")
                .query("error", string(), "the provider's refusal")
                .answer(303, null, null, "See Other: to the UI, signed in, or with signInError=<reason>");
        docs.get("/api/settings/oidc-providers", "The identity providers (never their client secrets)").ok(items(provider()));
        docs.post("/api/settings/oidc-providers", "Add an identity provider (OpenID Connect, discovery from the issuer)")
                .body(providerRequest()).created(provider());
        docs.get("/api/settings/oidc-providers/{providerId}", "One identity provider").ok(provider());
        docs.put("/api/settings/oidc-providers/{providerId}", "Change an identity provider").body(providerRequest()).ok(provider());
        docs.delete("/api/settings/oidc-providers/{providerId}", "Remove an identity provider").noContent();
    }
}
