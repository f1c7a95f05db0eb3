package dev.vectorflow.ports.service.identity;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.GroupMapping;
import dev.vectorflow.core.identity.GroupRule;
import dev.vectorflow.core.identity.Membership;
import dev.vectorflow.core.identity.OidcProvider;
import dev.vectorflow.core.identity.OidcProviderId;
import dev.vectorflow.core.identity.PersonName;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.SecretTokens;
import dev.vectorflow.core.identity.Team;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.TeamName;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.core.settings.SettingsCatalog;
import dev.vectorflow.core.settings.SettingsSnapshot;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.InvalidValuesException;
import dev.vectorflow.ports.in.identity.ManageOidcProvidersUseCase;
import dev.vectorflow.ports.in.identity.ManageOidcProvidersUseCase.RuleDraft;
import dev.vectorflow.ports.in.identity.OidcProviderQueries;
import dev.vectorflow.ports.in.identity.SignInUseCase.SignedIn;
import dev.vectorflow.ports.in.identity.SignInWithOidcUseCase;
import dev.vectorflow.ports.out.identity.OidcFailure;
import dev.vectorflow.ports.out.identity.OidcProviderRepository;
import dev.vectorflow.ports.out.identity.OidcSignIns;
import dev.vectorflow.ports.out.identity.OidcSignIns.PendingSignIn;
import dev.vectorflow.ports.out.identity.OpenIdConnect;
import dev.vectorflow.ports.out.identity.OpenIdConnect.AuthorizationStart;
import dev.vectorflow.ports.out.identity.OpenIdConnect.VerifiedIdentity;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.TeamRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import dev.vectorflow.ports.out.persistence.UserRepository;
import dev.vectorflow.ports.out.settings.SettingsChanges;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.service.secret.KeyRingService;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sign-in through OpenID Connect providers and their configuration. The protocol itself (discovery, PKCE, the token
 * request, the ID token's checks) is the {@link OpenIdConnect} port's; this service keeps the pending sign-ins (single
 * use, bound to the browser, ten minutes), finds, links or makes the account, applies the group mapping (only to the
 * memberships the provider manages; every change audited), and opens the session.
 */
public final class OidcSignInService implements SignInWithOidcUseCase, OidcProviderQueries, ManageOidcProvidersUseCase {

    static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);

    /** The driven ports and collaborators of the service. */
    public record Dependencies(Transactions transactions, OidcProviderRepository providers, OidcSignIns signIns, UserRepository users,
                               TeamRepository teams, AuditLog audit, OpenIdConnect openId, KeyRingService keyRing, SessionService sessions,
                               SettingsChanges changes, IdGenerator ids, Clock clock, Supplier<SettingsSnapshot> settings) {
    }

    private final Dependencies d;

    public OidcSignInService(Dependencies dependencies) {
        this.d = dependencies;
    }

    private URI base(URI requestOrigin) {
        return d.settings().get().optionalText(SettingsCatalog.PUBLIC_URL).map(URI::create).orElse(requestOrigin);
    }

    @Override
    public StartResult start(StartCommand command) {
        Optional<OidcProvider> provider = d.transactions().inTransaction(() -> d.providers().findById(command.provider()))
                .filter(OidcProvider::enabled);
        if (provider.isEmpty()) {
            return new Unavailable("This sign-in option does not exist or is turned off.");
        }
        if (command.browserBinding() == null || command.browserBinding().length() < 32) {
            return new Unavailable("The browser binding of the sign-in is missing.");
        }
        URI redirect = URI.create(base(command.requestOrigin()) + CALLBACK_PATH);
        AuthorizationStart started;
        try {
            started = d.openId().begin(provider.get(), redirect);
        } catch (OidcFailure failure) {
            return new Unavailable(failure.getMessage());
        }
        Instant now = d.clock().instant();
        d.transactions().inTransaction(() -> {
            d.signIns().deleteExpiredPending(now);
            d.signIns().insertPending(new PendingSignIn(SecretTokens.hash(started.state()), provider.get().id(), started.nonce(),
                    started.codeVerifier(), SecretTokens.hash(command.browserBinding()), redirect, now, now.plus(PENDING_LIFETIME)));
            return null;
        });
        return new Redirect(started.authorizationUri());
    }

    @Override
    public FinishResult finish(FinishCommand command) {
        Actor anonymous = new Actor(new Principal.Anonymous(), command.sourceAddress(), command.userAgent());
        String state = command.state();
        if (state == null || state.isBlank() || state.length() > 500) {
            return refused(anonymous, Optional.empty(), "state", "The answer from the identity provider has no state; start the sign-in again.");
        }
        Optional<PendingSignIn> taken = d.transactions().inTransaction(() -> d.signIns().takePending(SecretTokens.hash(state)));
        if (taken.isEmpty()) {
            return refused(anonymous, Optional.empty(), "state",
                    "This sign-in was finished already, has expired or was not started here; start it again.");
        }
        PendingSignIn pending = taken.get();
        if (!pending.expiresAt().isAfter(d.clock().instant())) {
            return refused(anonymous, Optional.empty(), "state", "This sign-in took too long (more than 10 minutes); start it again.");
        }
        if (command.browserBinding() == null || !SecretTokens.constantTimeEquals(SecretTokens.hash(command.browserBinding()), pending.browserHash())) {
            return refused(anonymous, Optional.empty(), "state", "This sign-in was started in another browser; start it again here.");
        }
        Optional<OidcProvider> found = d.transactions().inTransaction(() -> d.providers().findById(pending.provider())).filter(OidcProvider::enabled);
        if (found.isEmpty()) {
            return refused(anonymous, Optional.empty(), "provider", "This sign-in option was removed or turned off meanwhile.");
        }
        OidcProvider provider = found.get();
        if (command.error() != null && !command.error().isBlank()) {
            String error = command.error().replaceAll("[^A-Za-z0-9_.\\-]", "");
            return refused(anonymous, Optional.of(provider), "provider", "The identity provider refused the sign-in ("
                    + error.substring(0, Math.min(error.length(), 60)) + ").");
        }
        if (command.code() == null || command.code().isBlank() || command.code().length() > 2000) {
            return refused(anonymous, Optional.of(provider), "provider", "The identity provider sent no authorization code.");
        }
        VerifiedIdentity identity;
        try {
            Optional<String> secret = provider.clientSecretEnvelope().map(e -> new String(
                    d.keyRing().open(e, OidcProvider.secretContext(provider.id())), StandardCharsets.UTF_8));
            identity = d.openId().finish(provider, secret, pending.redirectUri(), command.code(),
                    new AuthorizationStart(pending.redirectUri(), state, pending.nonce(), pending.codeVerifier()));
        } catch (OidcFailure failure) {
            return refused(anonymous, Optional.of(provider), failure.kind() == OidcFailure.Kind.TOKEN_REJECTED ? "token" : "provider",
                    failure.getMessage());
        }
        FinishResult result = d.transactions().inTransaction(() -> signIn(provider, identity, command));
        if (result instanceof Refused r) {
            return refused(anonymous, Optional.of(provider), r.reason(), r.message());
        }
        return result;
    }

    private Refused refused(Actor actor, Optional<OidcProvider> provider, String reason, String message) {
        d.transactions().inTransaction(() -> {
            d.audit().append(new AuditEvent(actor, "auth.sign_in_failed", "user", "", Optional.empty(), Changes.none()
                    .field("provider", null, provider.map(OidcProvider::name).orElse(null)).field("reason", null, reason + ": " + message)));
            return null;
        });
        return new Refused(reason, message);
    }

    /** Inside one unit of work: the account, its roles from the groups, the session. */
    private FinishResult signIn(OidcProvider provider, VerifiedIdentity identity, FinishCommand command) {
        Instant now = d.clock().instant();
        Actor providerActor = new Actor(new Principal.Anonymous(), command.sourceAddress(), command.userAgent());
        Optional<User> linked = d.signIns().linkedUser(provider.id(), identity.subject()).flatMap(d.users()::findById);
        User user;
        if (linked.isPresent()) {
            user = linked.get();
        } else {
            if (identity.email().isEmpty()) {
                return new Refused("account", "The identity provider sent no e-mail address (claim '" + provider.emailClaim() + "').");
            }
            Email email;
            try {
                email = new Email(identity.email().get());
            } catch (InvalidValueException e) {
                return new Refused("account", "The identity provider's e-mail address is not usable: " + e.problem() + ".");
            }
            if (!identity.emailVerified() && !provider.allowUnverifiedEmail()) {
                return new Refused("account", "The identity provider says the e-mail address " + email + " is not verified.");
            }
            Optional<User> existing = d.users().findByEmail(email);
            if (existing.isPresent()) {
                if (!provider.linkExistingUsers()) {
                    return new Refused("account", "An account with the e-mail address " + email + " exists already, and " + provider.name()
                            + " may not sign in to existing accounts; an admin can allow it in the provider's settings.");
                }
                user = existing.get();
                d.audit().append(new AuditEvent(providerActor, "user.link_identity_provider", "user", user.id().toString(), Optional.empty(),
                        Changes.none().field("provider", null, provider.name()).field("subject", null, identity.subject())));
            } else {
                user = User.createExternal(new UserId(d.ids().newId()), email, personName(identity, email), now);
                d.users().insert(user);
                d.audit().append(new AuditEvent(providerActor, "user.create", "user", user.id().toString(), Optional.empty(),
                        SetupService.created(user).field("provider", null, provider.name())));
            }
            d.signIns().link(provider.id(), identity.subject(), user.id(), now);
        }
        user = applyGroups(provider, identity, user, providerActor, now);
        SignedIn signedIn = d.sessions().openSession(user, command.sourceAddress(), command.userAgent(), now);
        d.signIns().recordSession(signedIn.session().idHash(), new OidcSignIns.ProviderSession(provider.id(), identity.idToken()));
        d.audit().append(new AuditEvent(new Actor(signedIn.principal(), command.sourceAddress(), command.userAgent()), "auth.sign_in", "user",
                user.id().toString(), Optional.empty(), Changes.none().field("provider", null, provider.name())));
        return new Finished(signedIn);
    }

    private static PersonName personName(VerifiedIdentity identity, Email email) {
        try {
            return new PersonName(identity.name().map(String::strip).filter(n -> !n.isEmpty()).orElse(email.value()));
        } catch (InvalidValueException e) {
            return new PersonName(email.value());
        }
    }

    /**
     * The user's memberships as the provider's group mapping says: roles it gives are set (and marked as managed by the
     * provider), managed memberships it no longer gives are removed, others are left alone; the platform-admin flag
     * follows the groups when the provider has platform-admin rules (the last platform admin is never demoted).
     */
    private User applyGroups(OidcProvider provider, VerifiedIdentity identity, User user, Actor actor, Instant now) {
        GroupMapping mapping = GroupMapping.of(provider, identity.groups());
        Map<TeamId, Role> current = new HashMap<>();
        for (Membership m : d.teams().membershipsOfUser(user.id())) {
            current.put(m.teamId(), m.role());
        }
        Map<TeamId, Team> desiredTeams = new LinkedHashMap<>();
        Map<TeamId, Role> desired = new LinkedHashMap<>();
        mapping.teams().forEach((name, role) -> d.teams().findByName(name).ifPresent(team -> {
            desiredTeams.put(team.id(), team);
            desired.put(team.id(), role);
        }));
        Changes changes = Changes.none();
        desired.forEach((team, role) -> {
            if (current.get(team) != role) {
                d.teams().putMembership(new Membership(team, user.id(), role));
                changes.field("team:" + desiredTeams.get(team).name().value(), current.get(team), role);
            }
            d.signIns().setManaged(user.id(), team, provider.id(), true);
        });
        for (TeamId team : d.signIns().managedTeams(user.id(), provider.id())) {
            if (!desired.containsKey(team)) {
                Role before = current.get(team);
                d.teams().removeMembership(team, user.id());
                d.signIns().setManaged(user.id(), team, provider.id(), false);
                String name = d.teams().findById(team).map(t -> t.name().value()).orElse(team.toString());
                changes.field("team:" + name, before, null);
            }
        }
        User result = user;
        if (mapping.platformAdmin().isPresent() && mapping.platformAdmin().get() != user.platformAdmin()) {
            boolean admin = mapping.platformAdmin().get();
            boolean lastAdmin = !admin && d.users().findAll().stream().filter(User::platformAdmin).count() <= 1;
            if (!lastAdmin) {
                result = user.withProfile(user.name(), admin, now);
                d.users().update(result);
                changes.field("platformAdmin", user.platformAdmin(), admin);
            }
        }
        if (!changes.asMap().isEmpty()) {
            d.audit().append(new AuditEvent(actor, "user.roles_from_groups", "user", user.id().toString(), Optional.empty(),
                    changes.field("provider", null, provider.name())));
        }
        return result;
    }

    @Override
    public Optional<URI> endSessionUri(String sessionToken, URI requestOrigin) {
        if (sessionToken == null || sessionToken.isBlank()) {
            return Optional.empty();
        }
        return d.transactions().inTransaction(() -> d.signIns().sessionOf(SecretTokens.hash(sessionToken))
                .flatMap(s -> d.providers().findById(s.provider()).map(p -> Map.entry(p, s.idToken()))))
                .flatMap(entry -> {
                    try {
                        return d.openId().endSession(entry.getKey(), entry.getValue(), URI.create(base(requestOrigin) + "/"));
                    } catch (OidcFailure unavailable) {
                        return Optional.empty();
                    }
                });
    }

    @Override
    public SignInOptions signInOptions() {
        List<OidcProvider> enabled = d.transactions().inTransaction(() -> d.providers().findAll()).stream().filter(OidcProvider::enabled).toList();
        List<SignInOption> options = new ArrayList<>();
        for (OidcProvider provider : enabled) {
            options.add(new SignInOption(provider.id(), provider.name(), d.openId().problem(provider)));
        }
        return new SignInOptions(d.settings().get().flag(SettingsCatalog.LOCAL_SIGN_IN), options);
    }

    @Override
    public List<OidcProvider> listProviders() {
        return d.transactions().inTransaction(() -> d.providers().findAll());
    }

    @Override
    public OidcProvider getProvider(OidcProviderId id) throws NotFoundFailure {
        return d.transactions().inTransaction(() -> d.providers().findById(id)).orElseThrow(() -> new NotFoundFailure("Provider", id));
    }

    @Override
    public OidcProvider createProvider(Actor actor, ProviderDraft draft) throws ConflictFailure {
        OidcProviderId id = new OidcProviderId(d.ids().newId());
        Instant now = d.clock().instant();
        try {
            return d.transactions().inTransaction(() -> {
                OidcProvider provider = build(id, draft, Optional.empty(), now, now);
                d.providers().insert(provider);
                d.audit().append(new AuditEvent(actor, "oidc_provider.create", "oidc_provider", id.toString(), Optional.empty(),
                        diff(Optional.empty(), provider)));
                d.changes().settingsChanged();
                return provider;
            });
        } catch (UniqueViolation taken) {
            throw ConflictFailure.onField("name", "A provider named '" + draft.name() + "' exists already");
        } finally {
            d.openId().forget(id);
        }
    }

    @Override
    public OidcProvider updateProvider(Actor actor, OidcProviderId id, ProviderDraft draft) throws NotFoundFailure, ConflictFailure {
        try {
            return d.transactions().inTransaction(() -> {
                OidcProvider before = d.providers().findById(id).orElseThrow(() -> new NotFoundFailure("Provider", id));
                OidcProvider after = build(id, draft, before.clientSecretEnvelope(), before.createdAt(), d.clock().instant());
                d.providers().update(after);
                d.audit().append(new AuditEvent(actor, "oidc_provider.update", "oidc_provider", id.toString(), Optional.empty(),
                        diff(Optional.of(before), after)));
                d.changes().settingsChanged();
                return after;
            });
        } catch (UniqueViolation taken) {
            throw ConflictFailure.onField("name", "A provider named '" + draft.name() + "' exists already");
        } finally {
            d.openId().forget(id);
        }
    }

    @Override
    public void deleteProvider(Actor actor, OidcProviderId id) throws NotFoundFailure {
        d.transactions().inTransaction(() -> {
            OidcProvider before = d.providers().findById(id).orElseThrow(() -> new NotFoundFailure("Provider", id));
            d.providers().delete(id);
            d.audit().append(new AuditEvent(actor, "oidc_provider.delete", "oidc_provider", id.toString(), Optional.empty(),
                    Changes.none().field("name", before.name(), null).field("issuer", before.issuer(), null)));
            d.changes().settingsChanged();
            return null;
        });
        d.openId().forget(id);
    }

    /** The provider a draft describes, with every problem at once (its fields, and teams that do not exist). */
    private OidcProvider build(OidcProviderId id, ProviderDraft draft, Optional<String> storedSecret, Instant createdAt, Instant now) {
        List<InvalidValueException> problems = new ArrayList<>();
        URI issuer = null;
        try {
            issuer = OidcProvider.parseIssuer(draft.issuer());
        } catch (InvalidValueException e) {
            problems.add(e);
        }
        Optional<String> secret = switch (draft.clientSecret()) {
            case KeepSecret keep -> storedSecret;
            case ClearSecret clear -> Optional.empty();
            case NewSecret fresh -> {
                if (fresh.value() == null || fresh.value().isBlank() || fresh.value().length() > 500) {
                    problems.add(new InvalidValueException("clientSecret", "must be 1-500 characters"));
                    yield Optional.empty();
                }
                yield Optional.of(d.keyRing().seal(fresh.value().getBytes(StandardCharsets.UTF_8), OidcProvider.secretContext(id)));
            }
        };
        List<GroupRule> rules = new ArrayList<>();
        List<RuleDraft> drafts = draft.rules() == null ? List.of() : draft.rules();
        for (int i = 0; i < drafts.size(); i++) {
            String at = "rules[" + i + "].";
            RuleDraft r = drafts.get(i);
            List<InvalidValueException> ruleProblems = new ArrayList<>();
            Optional<TeamName> team = parse(at + "team", r.team(), TeamName::new, ruleProblems);
            Optional<Role> role = parse(at + "role", r.role(), text -> Role.parse("role", text), ruleProblems);
            if (team.isPresent() && d.teams().findByName(team.get()).isEmpty()) {
                ruleProblems.add(new InvalidValueException(at + "team", "names no team: '" + team.get().value() + "'"));
            }
            if (ruleProblems.isEmpty()) {
                try {
                    rules.add(new GroupRule(r.group(), team, role, r.platformAdmin()));
                } catch (InvalidValueException e) {
                    ruleProblems.add(new InvalidValueException(at + e.field(), e.problem()));
                }
            }
            problems.addAll(ruleProblems);
        }
        Optional<TeamName> defaultTeam = parse("defaultTeam", draft.defaultTeam(), TeamName::new, problems);
        Optional<Role> defaultRole = parse("defaultRole", draft.defaultRole(), text -> Role.parse("defaultRole", text), problems);
        if (defaultTeam.isPresent() && d.teams().findByName(defaultTeam.get()).isEmpty()) {
            problems.add(new InvalidValueException("defaultTeam", "names no team: '" + defaultTeam.get().value() + "'"));
        }
        OidcProvider provider = null;
        try {
            provider = new OidcProvider(id, draft.name(), issuer == null ? URI.create("https://invalid.invalid") : issuer, draft.clientId(),
                    secret, draft.scopes() == null ? List.of() : draft.scopes(), draft.emailClaim(), draft.groupsClaim(),
                    draft.allowUnverifiedEmail(), draft.linkExistingUsers(), rules, defaultTeam, defaultRole, draft.enabled(),
                    createdAt, now);
        } catch (InvalidValuesException invalid) {
            problems.addAll(invalid.problems());
        } catch (InvalidValueException invalid) {
            problems.add(invalid);
        }
        if (!problems.isEmpty()) {
            throw new InvalidValuesException(problems);
        }
        return provider;
    }

    /** A text that is absent or blank is no value; otherwise it must convert, or its problem is named {@code field}. */
    private static <T> Optional<T> parse(String field, Optional<String> text, java.util.function.Function<String, T> convert,
                                         List<InvalidValueException> problems) {
        Optional<String> given = text.map(String::strip).filter(t -> !t.isEmpty());
        if (given.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(convert.apply(given.get()));
        } catch (InvalidValueException e) {
            problems.add(new InvalidValueException(field, e.problem()));
            return Optional.empty();
        }
    }

    private static Changes diff(Optional<OidcProvider> before, OidcProvider after) {
        Changes changes = Changes.none()
                .field("name", before.map(OidcProvider::name).orElse(null), after.name())
                .field("issuer", before.map(OidcProvider::issuer).orElse(null), after.issuer())
                .field("clientId", before.map(OidcProvider::clientId).orElse(null), after.clientId())
                .field("scopes", before.map(p -> String.join(" ", p.scopes())).orElse(null), String.join(" ", after.scopes()))
                .field("emailClaim", before.map(OidcProvider::emailClaim).orElse(null), after.emailClaim())
                .field("groupsClaim", before.map(OidcProvider::groupsClaim).orElse(null), after.groupsClaim())
                .field("allowUnverifiedEmail", before.map(OidcProvider::allowUnverifiedEmail).orElse(null), after.allowUnverifiedEmail())
                .field("linkExistingUsers", before.map(OidcProvider::linkExistingUsers).orElse(null), after.linkExistingUsers())
                .field("rules", before.map(p -> rulesText(p.rules())).orElse(null), rulesText(after.rules()))
                .field("defaultTeam", before.flatMap(OidcProvider::defaultTeam).map(TeamName::value).orElse(null),
                        after.defaultTeam().map(TeamName::value).orElse(null))
                .field("defaultRole", before.flatMap(OidcProvider::defaultRole).orElse(null), after.defaultRole().orElse(null))
                .field("enabled", before.map(OidcProvider::enabled).orElse(null), after.enabled());
        boolean had = before.flatMap(OidcProvider::clientSecretEnvelope).isPresent();
        boolean has = after.clientSecretEnvelope().isPresent();
        if (before.isEmpty() ? has : had != has || !before.get().clientSecretEnvelope().equals(after.clientSecretEnvelope())) {
            changes.secret("clientSecret", had, has);
        }
        return changes;
    }

    private static String rulesText(List<GroupRule> rules) {
        List<String> parts = new ArrayList<>();
        for (GroupRule r : rules) {
            parts.add(r.group() + " -> " + r.team().map(t -> t.value() + ":" + r.role().orElseThrow()).orElse("")
                    + (r.platformAdmin() ? (r.team().isPresent() ? "+" : "") + "platform admin" : ""));
        }
        return String.join("; ", parts);
    }
}
