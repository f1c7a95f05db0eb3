package dev.vectorflow.ports.in.identity;

import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.identity.Session;
import dev.vectorflow.core.identity.User;
import java.time.Duration;

/** Use case: sign in with e-mail and password; opens a session. Every attempt is audited. */
public interface SignInUseCase {

    SignInResult signIn(SignInCommand command);

    /** Input: what the person typed and where the request came from. */
    record SignInCommand(String email, String password, String sourceAddress, String userAgent) {
        @Override
        public String toString() {
            return "SignInCommand[email=" + email + ", from=" + sourceAddress + "]";
        }
    }

    /** The outcome of a sign-in. */
    sealed interface SignInResult permits SignedIn, Rejected, LockedOut, SecondFactorRequired, LocalSignInDisabled {
    }

    /** Signed in: {@code sessionToken} goes into the cookie and exists nowhere else. */
    record SignedIn(String sessionToken, Session session, User user, Principal.Member principal) implements SignInResult {
        @Override
        public String toString() {
            return "SignedIn[user=" + user.id() + "]";
        }
    }

    /** Wrong e-mail or password (which one is not told). */
    record Rejected() implements SignInResult {
    }

    /** Too many failures: try again after {@code retryAfter}. */
    record LockedOut(Duration retryAfter) implements SignInResult {
    }

    /**
     * The password was right and the account has a second factor: {@code challengeToken} (valid a few minutes, kept by
     * nobody but the browser) goes with the code to {@link VerifySecondFactorUseCase}.
     */
    record SecondFactorRequired(String challengeToken) implements SignInResult {
        @Override
        public String toString() {
            return "SecondFactorRequired[]";
        }
    }

    /** Local sign-in is turned off and this account is not the break-glass admin: sign in through the identity provider. */
    record LocalSignInDisabled() implements SignInResult {
    }
}
