package dev.vectorflow.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.InvalidValuesException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OidcModelTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private static OidcProvider provider(List<GroupRule> rules, Optional<TeamName> defaultTeam, Optional<Role> defaultRole) {
        return new OidcProvider(new OidcProviderId(UUID.randomUUID()), "Corp", URI.create("https://login.example.com/realms/ops"), "vectorflow",
                Optional.empty(), List.of("openid", "email"), "email", "groups", false, false, rules, defaultTeam, defaultRole, true, NOW, NOW);
    }

    private static GroupRule team(String group, String team, Role role) {
        return new GroupRule(group, Optional.of(new TeamName(team)), Optional.of(role), false);
    }

    @Test
    void aPersonInSeveralGroups_getsTheHighestRoleOfEachTeam() {
        OidcProvider p = provider(List.of(team("ops-readers", "ops", Role.VIEWER), team("ops-admins", "ops", Role.ADMIN),
                team("dev", "dev", Role.EDITOR)), Optional.empty(), Optional.empty());

        GroupMapping m = GroupMapping.of(p, List.of("ops-readers", "ops-admins", "unrelated"));

        assertThat(m.teams()).isEqualTo(Map.of(new TeamName("ops"), Role.ADMIN));
        assertThat(m.platformAdmin()).as("no platform-admin rule: the flag is not managed").isEmpty();
    }

    @Test
    void noMatchingGroup_givesTheDefaultTeamRole_orNothing() {
        List<GroupRule> rules = List.of(team("ops", "ops", Role.EDITOR));
        assertThat(GroupMapping.of(provider(rules, Optional.of(new TeamName("guests")), Optional.of(Role.VIEWER)), List.of()).teams())
                .isEqualTo(Map.of(new TeamName("guests"), Role.VIEWER));
        assertThat(GroupMapping.of(provider(rules, Optional.empty(), Optional.empty()), List.of("other")).teams()).isEmpty();
    }

    @Test
    void platformAdmin_followsTheGroupsOnceTheProviderHasSuchARule() {
        OidcProvider p = provider(List.of(new GroupRule("vf-root", Optional.empty(), Optional.empty(), true)), Optional.empty(), Optional.empty());

        assertThat(GroupMapping.of(p, List.of("vf-root")).platformAdmin()).contains(true);
        assertThat(GroupMapping.of(p, List.of()).platformAdmin()).contains(false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://login.example.com", "http://127.0.0.1:8081/default", "http://localhost:9000/realms/x", "http://[::1]:80/x"})
    void anHttpsIssuer_orPlainHttpOnLoopback_isAccepted(String issuer) {
        assertThat(OidcProvider.parseIssuer(issuer)).hasToString(issuer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://login.example.com", "http://127.example.com/x", "http://10.0.0.5/x", "ftp://login.example.com",
            "https://login.example.com/?x=1", "login.example.com"})
    void aDiscoveryAddressThatIsNotHttps_isRefusedOutsideLoopback(String issuer) {
        assertThatThrownBy(() -> OidcProvider.parseIssuer(issuer)).isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("issuer"));
    }

    @Test
    void aProviderWithSeveralMistakes_listsThemAll() {
        assertThatThrownBy(() -> new OidcProvider(new OidcProviderId(UUID.randomUUID()), "", URI.create("http://login.example.com"), "has space",
                Optional.empty(), List.of("email"), "email", "bad claim!", false, false, List.of(), Optional.of(new TeamName("ops")), Optional.empty(),
                true, NOW, NOW))
                .isInstanceOf(InvalidValuesException.class)
                .satisfies(e -> assertThat(((InvalidValuesException) e).problems()).extracting(InvalidValueException::field)
                        .containsExactly("name", "issuer", "clientId", "scopes", "groupsClaim", "defaultRole"));
    }

    @Test
    void aRule_needsATeamWithARole_orPlatformAdmin() {
        assertThatThrownBy(() -> new GroupRule("g", Optional.of(new TeamName("ops")), Optional.empty(), false)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new GroupRule("g", Optional.empty(), Optional.empty(), false)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void base32_roundTripsAsAuthenticatorAppsRead() {
        byte[] secret = "12345678901234567890".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(Base32.encode(secret)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Base32.decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).isEqualTo(secret);
    }
}
