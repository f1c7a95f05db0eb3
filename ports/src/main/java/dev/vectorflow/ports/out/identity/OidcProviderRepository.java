package dev.vectorflow.ports.out.identity;

import dev.vectorflow.core.identity.OidcProvider;
import dev.vectorflow.core.identity.OidcProviderId;
import java.util.List;
import java.util.Optional;

/** Driven port: the configured OpenID Connect providers (client secrets only as envelopes). */
public interface OidcProviderRepository {

    /** @throws dev.vectorflow.ports.out.persistence.UniqueViolation when the name is taken (ignoring case) */
    void insert(OidcProvider provider);

    /**
     * Replaces every field but the creation time; false (storing nothing) when no such provider exists.
     *
     * @throws dev.vectorflow.ports.out.persistence.UniqueViolation when the name is another provider's (ignoring case)
     */
    boolean update(OidcProvider provider);

    /** Deletes the provider with its links to accounts and the memberships it managed (the accounts and memberships stay). */
    boolean delete(OidcProviderId id);

    Optional<OidcProvider> findById(OidcProviderId id);

    /** Every provider, ordered by name ignoring case. */
    List<OidcProvider> findAll();
}
