package dev.vectorflow.ports.in.identity;

import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.RejectedCredentialsFailure;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.Password;
import dev.vectorflow.core.identity.PersonName;
import dev.vectorflow.core.identity.User;
import java.util.Optional;

/**
 * Use case: create the first platform admin. There is no default password: at start, while no
 * user exists, the server makes a one-time setup token and prints a link with it.
 */
public interface SetupUseCase {

    /** A new one-time setup token when no user exists yet; empty otherwise. */
    Optional<String> prepareSetupToken();

    boolean setupRequired();

    /**
     * Creates the first platform admin and signs them in.
     *
     * @throws RejectedCredentialsFailure when the token is wrong or expired, or setup was done already
     */
    SignInUseCase.SignedIn completeSetup(String setupToken, Email email, PersonName name, Password password,
                                         String sourceAddress, String userAgent) throws RejectedCredentialsFailure;

    /**
     * Creates a platform admin from the command line ({@code vectorflow admin create}).
     *
     * @throws ConflictFailure when the e-mail address is taken
     */
    User createPlatformAdmin(Email email, PersonName name, Password password) throws ConflictFailure;
}
