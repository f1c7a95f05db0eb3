package dev.vectorflow.ports.in.identity;

import dev.vectorflow.core.identity.OidcProviderId;
import java.net.URI;
import java.util.Optional;

/**
 * Use case: sign in through an OpenID Connect provider (authorization code flow with PKCE, state and nonce). The start
 * sends the browser to the provider; the provider sends it back with a code, which is redeemed and whose ID token is
 * checked; the account is found by its link, linked or made just in time, and its team roles follow the provider's group
 * mapping at every sign-in. Every outcome is audited.
 */
public interface SignInWithOidcUseCase {

    /**
     * {@code requestOrigin}: the address the request came to (used when no public URL is set; the redirect address is
     * {@code <public URL>/api/auth/oidc/callback}); {@code browserBinding}: a random value the browser keeps in a cookie, so
     * that only it can finish this sign-in.
     */
    record StartCommand(OidcProviderId provider, URI requestOrigin, String browserBinding) {
        @Override
        public String toString() {
            return "StartCommand[" + provider + "]";
        }
    }

    /** Where to send the browser, or why the provider cannot be used now. */
    sealed interface StartResult permits Redirect, Unavailable {
    }

    record Redirect(URI authorizationUri) implements StartResult {
    }

    record Unavailable(String reason) implements StartResult {
    }

    StartResult start(StartCommand command);

    /** The provider's answer as the browser brought it ({@code error} instead of {@code code} when the provider refused). */
    record FinishCommand(String state, String code, String error, String browserBinding, String sourceAddress, String userAgent) {
        @Override
        public String toString() {
            return "FinishCommand[from=" + sourceAddress + "]";
        }
    }

    /** Signed in, or refused with a short reason code ({@code state}, {@code provider}, {@code token}, {@code account}) and a message. */
    sealed interface FinishResult permits Finished, Refused {
    }

    record Finished(SignInUseCase.SignedIn signedIn) implements FinishResult {
    }

    record Refused(String reason, String message) implements FinishResult {
    }

    FinishResult finish(FinishCommand command);

    /**
     * The provider's end-session address when {@code sessionToken}'s session came from a provider that has one (it sends the
     * browser back to the public URL, or {@code requestOrigin}, afterwards).
     */
    Optional<URI> endSessionUri(String sessionToken, URI requestOrigin);

    /** Where the provider sends the browser back to. */
    String CALLBACK_PATH = "/api/auth/oidc/callback";
}
