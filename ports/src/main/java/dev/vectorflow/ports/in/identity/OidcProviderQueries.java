package dev.vectorflow.ports.in.identity;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.OidcProvider;
import dev.vectorflow.core.identity.OidcProviderId;
import java.util.List;
import java.util.Optional;

/** Queries: the providers to show on the sign-in page (with whether each can be used now), and their configuration. */
public interface OidcProviderQueries {

    /** A button of the sign-in page: {@code problem} says why the provider cannot be used now. */
    record SignInOption(OidcProviderId id, String name, Optional<String> problem) {
    }

    /** What the sign-in page offers: the enabled providers, and whether everyone may sign in with a password. */
    record SignInOptions(boolean localSignIn, List<SignInOption> providers) {
        public SignInOptions {
            providers = List.copyOf(providers);
        }
    }

    SignInOptions signInOptions();

    /** Every provider (the client secret only as whether it is set). */
    List<OidcProvider> listProviders();

    OidcProvider getProvider(OidcProviderId id) throws NotFoundFailure;
}
