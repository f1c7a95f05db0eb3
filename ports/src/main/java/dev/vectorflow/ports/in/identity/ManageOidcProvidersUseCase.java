package dev.vectorflow.ports.in.identity;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.GroupRule;
import dev.vectorflow.core.identity.OidcProvider;
import dev.vectorflow.core.identity.OidcProviderId;
import java.util.List;
import java.util.Optional;

/**
 * Use case: configure the OpenID Connect providers (platform admins). A provider's rules may only name teams that exist;
 * every problem is reported at once and nothing changes. Changes are audited (the client secret redacted) and reach every
 * server within moments.
 */
public interface ManageOidcProvidersUseCase {

    /** What to do with the client secret: keep the stored one, remove it (a public client), or store a new one. */
    sealed interface SecretChange permits KeepSecret, ClearSecret, NewSecret {
    }

    record KeepSecret() implements SecretChange {
    }

    record ClearSecret() implements SecretChange {
    }

    record NewSecret(String value) implements SecretChange {
        @Override
        public String toString() {
            return "NewSecret[****]";
        }
    }

    /** A rule as an admin writes it: the team by name and the role by its name ({@code VIEWER}, {@code EDITOR}, {@code ADMIN}). */
    record RuleDraft(String group, Optional<String> team, Optional<String> role, boolean platformAdmin) {
    }

    /**
     * A provider as an admin writes it; every field is checked at once (by {@link OidcProvider} and {@link GroupRule}, and
     * whether the teams exist), problems of a rule named {@code rules[i].field}.
     */
    record ProviderDraft(String name, String issuer, String clientId, SecretChange clientSecret, List<String> scopes, String emailClaim,
                         String groupsClaim, boolean allowUnverifiedEmail, boolean linkExistingUsers, List<RuleDraft> rules,
                         Optional<String> defaultTeam, Optional<String> defaultRole, boolean enabled) {
    }

    OidcProvider createProvider(Actor actor, ProviderDraft draft) throws ConflictFailure;

    OidcProvider updateProvider(Actor actor, OidcProviderId id, ProviderDraft draft) throws NotFoundFailure, ConflictFailure;

    void deleteProvider(Actor actor, OidcProviderId id) throws NotFoundFailure;
}
