package dev.vectorflow.ports.out.identity;

import dev.vectorflow.core.identity.OidcProvider;
import dev.vectorflow.core.identity.OidcProviderId;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Driven port: the OpenID Connect protocol with a provider (discovery, the authorization code flow with PKCE, state
 * and nonce, the token request, the ID token's signature, issuer, audience, expiry and nonce, end-session). Failures are
 * {@link OidcFailure}s.
 */
public interface OpenIdConnect {

    /** Where to send the browser, and what to keep until it comes back (never shown to anyone else). */
    record AuthorizationStart(URI authorizationUri, String state, String nonce, String codeVerifier) {
        public AuthorizationStart {
            Objects.requireNonNull(authorizationUri, "authorizationUri");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(nonce, "nonce");
            Objects.requireNonNull(codeVerifier, "codeVerifier");
        }

        @Override
        public String toString() {
            return "AuthorizationStart[" + authorizationUri.getHost() + "]";
        }
    }

    /** Who the provider says signed in, read from an ID token that passed every check. */
    record VerifiedIdentity(String subject, Optional<String> email, boolean emailVerified, List<String> groups, Optional<String> name,
                            String idToken) {
        public VerifiedIdentity {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(email, "email");
            groups = List.copyOf(groups);
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(idToken, "idToken");
        }

        @Override
        public String toString() {
            return "VerifiedIdentity[sub=" + subject + ", email=" + email.orElse("") + ", groups=" + groups + "]";
        }
    }

    /** Starts a sign-in (reads the discovery document when it is not cached). */
    AuthorizationStart begin(OidcProvider provider, URI redirectUri);

    /** Redeems the code and checks the ID token; {@code clientSecret} is the opened secret, empty for a public client. */
    VerifiedIdentity finish(OidcProvider provider, Optional<String> clientSecret, URI redirectUri, String code, AuthorizationStart started);

    /** The provider's end-session address for this ID token, when the provider has one. */
    Optional<URI> endSession(OidcProvider provider, String idToken, URI afterSignOut);

    /** Empty when the provider's discovery document can be read now; otherwise why not (answered from a short cache). */
    Optional<String> problem(OidcProvider provider);

    /** Drops what is cached about the provider (after its configuration changed). */
    void forget(OidcProviderId provider);
}
