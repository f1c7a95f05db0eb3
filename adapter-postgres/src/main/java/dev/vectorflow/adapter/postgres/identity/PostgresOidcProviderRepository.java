package dev.vectorflow.adapter.postgres.identity;

import static dev.vectorflow.adapter.postgres.identity.PostgresUserRepository.utc;
import static dev.vectorflow.adapter.postgres.jooq.Tables.OIDC_PROVIDERS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.adapter.postgres.jooq.tables.records.OidcProvidersRecord;
import dev.vectorflow.core.identity.GroupRule;
import dev.vectorflow.core.identity.OidcProvider;
import dev.vectorflow.core.identity.OidcProviderId;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.TeamName;
import dev.vectorflow.ports.out.identity.OidcProviderRepository;
import dev.vectorflow.ports.out.persistence.PersistenceFailure;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/** {@link OidcProviderRepository} on the {@code oidc_providers} table; the group mapping is kept as a JSON array. */
public final class PostgresOidcProviderRepository implements OidcProviderRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Supplier<DSLContext> dsl;

    public PostgresOidcProviderRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    private static OidcProvidersRecord toRecord(OidcProvider p) {
        OidcProvidersRecord r = OIDC_PROVIDERS.newRecord();
        r.setId(p.id().value());
        r.setName(p.name());
        r.setNameKey(p.name().toLowerCase(Locale.ROOT));
        r.setIssuer(p.issuer().toString());
        r.setClientId(p.clientId());
        r.setClientSecret(p.clientSecretEnvelope().orElse(null));
        r.setScopes(String.join(" ", p.scopes()));
        r.setEmailClaim(p.emailClaim());
        r.setGroupsClaim(p.groupsClaim());
        r.setAllowUnverifiedEmail(p.allowUnverifiedEmail());
        r.setLinkExistingUsers(p.linkExistingUsers());
        r.setGroupRules(rulesJson(p.rules()));
        r.setDefaultTeam(p.defaultTeam().map(TeamName::value).orElse(null));
        r.setDefaultRole(p.defaultRole().map(Role::name).orElse(null));
        r.setEnabled(p.enabled());
        r.setCreatedAt(utc(p.createdAt()));
        r.setUpdatedAt(utc(p.updatedAt()));
        return r;
    }

    private static OidcProvider toDomain(OidcProvidersRecord r) {
        return new OidcProvider(new OidcProviderId(r.getId()), r.getName(), URI.create(r.getIssuer()), r.getClientId(),
                Optional.ofNullable(r.getClientSecret()), Arrays.asList(r.getScopes().split(" ")), r.getEmailClaim(), r.getGroupsClaim(),
                r.getAllowUnverifiedEmail(), r.getLinkExistingUsers(), rules(r.getGroupRules()), Optional.ofNullable(r.getDefaultTeam()).map(TeamName::new),
                Optional.ofNullable(r.getDefaultRole()).map(Role::valueOf), r.getEnabled(), r.getCreatedAt().toInstant(), r.getUpdatedAt().toInstant());
    }

    private static String rulesJson(List<GroupRule> rules) {
        ArrayNode array = JSON.createArrayNode();
        for (GroupRule rule : rules) {
            ObjectNode o = array.addObject();
            o.put("group", rule.group());
            rule.team().ifPresent(t -> o.put("team", t.value()));
            rule.role().ifPresent(role -> o.put("role", role.name()));
            o.put("platformAdmin", rule.platformAdmin());
        }
        return array.toString();
    }

    private static List<GroupRule> rules(String json) {
        try {
            List<GroupRule> rules = new ArrayList<>();
            for (JsonNode o : JSON.readTree(json)) {
                rules.add(new GroupRule(o.get("group").asText(), Optional.ofNullable(o.get("team")).map(JsonNode::asText).map(TeamName::new),
                        Optional.ofNullable(o.get("role")).map(JsonNode::asText).map(Role::valueOf), o.path("platformAdmin").asBoolean(false)));
            }
            return rules;
        } catch (JsonProcessingException e) {
            throw new PersistenceFailure("the group mapping of a provider is not JSON", e);
        }
    }

    @Override
    public void insert(OidcProvider provider) {
        dsl.get().executeInsert(toRecord(provider));
    }

    @Override
    public boolean update(OidcProvider provider) {
        OidcProvidersRecord r = toRecord(provider);
        r.changed(OIDC_PROVIDERS.ID, false);
        r.changed(OIDC_PROVIDERS.CREATED_AT, false);
        return dsl.get().executeUpdate(r, OIDC_PROVIDERS.ID.eq(provider.id().value())) == 1;
    }

    @Override
    public boolean delete(OidcProviderId id) {
        return dsl.get().deleteFrom(OIDC_PROVIDERS).where(OIDC_PROVIDERS.ID.eq(id.value())).execute() == 1;
    }

    @Override
    public Optional<OidcProvider> findById(OidcProviderId id) {
        return dsl.get().selectFrom(OIDC_PROVIDERS).where(OIDC_PROVIDERS.ID.eq(id.value())).fetchOptional(PostgresOidcProviderRepository::toDomain);
    }

    @Override
    public List<OidcProvider> findAll() {
        return dsl.get().selectFrom(OIDC_PROVIDERS).orderBy(OIDC_PROVIDERS.NAME_KEY).fetch(PostgresOidcProviderRepository::toDomain);
    }
}
