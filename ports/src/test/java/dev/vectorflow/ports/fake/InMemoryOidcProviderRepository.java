package dev.vectorflow.ports.fake;

import dev.vectorflow.core.identity.OidcProvider;
import dev.vectorflow.core.identity.OidcProviderId;
import dev.vectorflow.ports.out.identity.OidcProviderRepository;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Fake of {@link OidcProviderRepository} over a map; names are unique ignoring case, the creation time never changes. */
public final class InMemoryOidcProviderRepository implements OidcProviderRepository, InMemoryTransactions.Participant {

    private Map<OidcProviderId, OidcProvider> providers = new LinkedHashMap<>();

    private static String nameKey(OidcProvider provider) {
        return provider.name().toLowerCase(Locale.ROOT);
    }

    private void requireFreeName(OidcProvider provider) {
        if (providers.values().stream().anyMatch(p -> !p.id().equals(provider.id()) && nameKey(p).equals(nameKey(provider)))) {
            throw new UniqueViolation("provider name taken", null);
        }
    }

    @Override
    public void insert(OidcProvider provider) {
        if (providers.containsKey(provider.id())) {
            throw new UniqueViolation("provider id taken", null);
        }
        requireFreeName(provider);
        providers.put(provider.id(), provider);
    }

    @Override
    public boolean update(OidcProvider provider) {
        OidcProvider stored = providers.get(provider.id());
        if (stored == null) {
            return false;
        }
        requireFreeName(provider);
        providers.put(provider.id(), new OidcProvider(provider.id(), provider.name(), provider.issuer(), provider.clientId(),
                provider.clientSecretEnvelope(), provider.scopes(), provider.emailClaim(), provider.groupsClaim(), provider.allowUnverifiedEmail(),
                provider.linkExistingUsers(), provider.rules(), provider.defaultTeam(), provider.defaultRole(), provider.enabled(),
                stored.createdAt(), provider.updatedAt()));
        return true;
    }

    @Override
    public boolean delete(OidcProviderId id) {
        return providers.remove(id) != null;
    }

    @Override
    public Optional<OidcProvider> findById(OidcProviderId id) {
        return Optional.ofNullable(providers.get(id));
    }

    @Override
    public List<OidcProvider> findAll() {
        return providers.values().stream().sorted(Comparator.comparing(InMemoryOidcProviderRepository::nameKey)).toList();
    }

    @Override
    public Object snapshot() {
        return new LinkedHashMap<>(providers);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        providers = new LinkedHashMap<>((Map<OidcProviderId, OidcProvider>) snapshot);
    }
}
