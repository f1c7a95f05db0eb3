package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.identity.GroupRule;
import dev.vectorflow.core.identity.OidcProvider;
import dev.vectorflow.core.identity.OidcProviderId;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.TeamName;
import dev.vectorflow.ports.out.identity.OidcProviderRepository;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link OidcProviderRepository} must do; run against the in-memory fake and against PostgreSQL. */
public abstract class OidcProviderRepositoryContract extends FleetStoreContract {

    private OidcProviderRepository providers() {
        return store().oidcProviders();
    }

    private static String uniqueName(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 13);
    }

    /** A provider with every optional field set. */
    private static OidcProvider full(OidcProviderId id, String name, Instant createdAt, Instant updatedAt) {
        return new OidcProvider(id, name, URI.create("https://login.example.com/realms/ops"), "vectorflow", Optional.of("vf1:key:client-secret"),
                List.of("openid", "email", "groups"), "email", "groups", true, true,
                List.of(new GroupRule("ops-admins", Optional.of(new TeamName("Ops")), Optional.of(Role.ADMIN), true),
                        new GroupRule("root", Optional.empty(), Optional.empty(), true)),
                Optional.of(new TeamName("Everyone")), Optional.of(Role.VIEWER), true, createdAt, updatedAt);
    }

    /** A provider with every optional field empty. */
    private static OidcProvider bare(String name) {
        return new OidcProvider(new OidcProviderId(UUID.randomUUID()), name, URI.create("http://127.0.0.1:8081/"), "client", Optional.empty(),
                List.of("openid"), "email", "groups", false, false, List.of(), Optional.empty(), Optional.empty(), false, T0, T0);
    }

    private OidcProvider stored(OidcProvider provider) {
        inTransaction(() -> providers().insert(provider));
        return provider;
    }

    @Test
    void givenInsertedProviders_findById_returnsThemUnchanged() {
        OidcProvider full = stored(full(new OidcProviderId(UUID.randomUUID()), uniqueName("Keycloak"), T0.plusNanos(123_456_000), T0));
        OidcProvider bare = stored(bare(uniqueName("Dex")));

        assertThat(inTransaction(() -> providers().findById(full.id()))).contains(full);
        assertThat(inTransaction(() -> providers().findById(bare.id()))).contains(bare);
        assertThat(inTransaction(() -> providers().findById(new OidcProviderId(UUID.randomUUID())))).isEmpty();
    }

    @Test
    void givenNameTakenIgnoringCase_insert_throwsUniqueViolationAndKeepsTheFirst() {
        OidcProvider first = stored(bare(uniqueName("Okta")));
        OidcProvider twin = bare(first.name().toUpperCase());

        assertThatThrownBy(() -> inTransaction(() -> providers().insert(twin))).isInstanceOf(UniqueViolation.class);
        assertThat(inTransaction(() -> providers().findById(twin.id()))).isEmpty();
        assertThat(inTransaction(() -> providers().findById(first.id()))).contains(first);
    }

    @Test
    void givenStoredProvider_update_replacesEveryFieldButTheCreationTime() {
        OidcProvider before = stored(bare(uniqueName("Azure")));
        String renamed = uniqueName("Entra");

        assertThat(inTransaction(() -> providers().update(full(before.id(), renamed, T0.minusSeconds(3_600), T0.plusSeconds(60))))).isTrue();
        assertThat(inTransaction(() -> providers().findById(before.id()))).contains(full(before.id(), renamed, T0, T0.plusSeconds(60)));
    }

    @Test
    void givenUnknownProvider_update_returnsFalseAndStoresNothing() {
        OidcProvider ghost = bare(uniqueName("Ghost"));

        assertThat(inTransaction(() -> providers().update(ghost))).isFalse();
        assertThat(inTransaction(() -> providers().findById(ghost.id()))).isEmpty();
    }

    @Test
    void givenNameOfAnotherIgnoringCase_update_throwsUniqueViolationAndChangesNothing() {
        OidcProvider a = stored(bare(uniqueName("Auth0")));
        OidcProvider b = stored(bare(uniqueName("Google")));

        assertThatThrownBy(() -> inTransaction(() -> providers().update(full(b.id(), a.name().toUpperCase(), T0, T0))))
                .isInstanceOf(UniqueViolation.class);
        assertThat(inTransaction(() -> providers().findById(b.id()))).contains(b);
    }

    @Test
    void findAll_ordersByNameIgnoringCase() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        OidcProvider c = stored(bare("charlie " + run));
        OidcProvider a = stored(bare("Alpha " + run));
        OidcProvider b = stored(bare("bravo " + run));

        assertThat(inTransaction(() -> providers().findAll())).filteredOn(p -> p.name().endsWith(run)).containsExactly(a, b, c);
    }

    @Test
    void delete_removesTheProviderAndReportsWhetherItExisted() {
        OidcProvider gone = stored(bare(uniqueName("Gone")));
        OidcProvider kept = stored(bare(uniqueName("Kept")));

        assertThat(inTransaction(() -> providers().delete(gone.id()))).isTrue();
        assertThat(inTransaction(() -> providers().delete(gone.id()))).isFalse();
        assertThat(inTransaction(() -> providers().findById(gone.id()))).isEmpty();
        assertThat(inTransaction(() -> providers().findById(kept.id()))).contains(kept);
    }
}
