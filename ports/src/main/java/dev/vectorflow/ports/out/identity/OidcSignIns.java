package dev.vectorflow.ports.out.identity;

import dev.vectorflow.core.identity.OidcProviderId;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.UserId;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Driven port: what OpenID Connect sign-ins keep in the database, so that any server of a cluster can finish a sign-in
 * another one started: the pending authorization requests (single use), the links between a provider's subjects and
 * accounts, the team memberships a provider's group mapping manages, and which sessions came from which provider.
 */
public interface OidcSignIns {

    /**
     * A sign-in between the redirect to the provider and its return: found by the hash of its {@code state}, tied to the
     * browser that started it by the hash of a cookie, with the nonce and PKCE verifier to check the answer with.
     */
    record PendingSignIn(String stateHash, OidcProviderId provider, String nonce, String codeVerifier, String browserHash, URI redirectUri,
                         Instant createdAt, Instant expiresAt) {
        public PendingSignIn {
            Objects.requireNonNull(stateHash, "stateHash");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(nonce, "nonce");
            Objects.requireNonNull(codeVerifier, "codeVerifier");
            Objects.requireNonNull(browserHash, "browserHash");
            Objects.requireNonNull(redirectUri, "redirectUri");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "PendingSignIn[provider=" + provider + ", expiresAt=" + expiresAt + "]";
        }
    }

    void insertPending(PendingSignIn pending);

    /** Removes and returns the pending sign-in (a state is good for one answer only). */
    Optional<PendingSignIn> takePending(String stateHash);

    /** Forgets pending sign-ins that expired before {@code now}. */
    int deleteExpiredPending(Instant now);

    /** The account a provider's subject is linked to. */
    Optional<UserId> linkedUser(OidcProviderId provider, String subject);

    void link(OidcProviderId provider, String subject, UserId user, Instant now);

    /** The teams in which the provider's group mapping gave the user their membership. */
    Set<TeamId> managedTeams(UserId user, OidcProviderId provider);

    /** Marks the user's membership in {@code team} as managed by the provider (or no longer). */
    void setManaged(UserId user, TeamId team, OidcProviderId provider, boolean managed);

    /** A session opened through a provider, with the ID token to hint at when signing out there. */
    record ProviderSession(OidcProviderId provider, String idToken) {
        @Override
        public String toString() {
            return "ProviderSession[" + provider + "]";
        }
    }

    void recordSession(String sessionHash, ProviderSession session);

    Optional<ProviderSession> sessionOf(String sessionHash);
}
