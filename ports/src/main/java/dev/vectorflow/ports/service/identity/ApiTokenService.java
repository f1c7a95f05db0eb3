package dev.vectorflow.ports.service.identity;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.failure.ForbiddenFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.ApiToken;
import dev.vectorflow.core.identity.ApiTokenId;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.SecretTokens;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.identity.ApiTokenQueries;
import dev.vectorflow.ports.in.identity.ManageApiTokensUseCase;
import dev.vectorflow.ports.out.persistence.ApiTokenRepository;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.TeamRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.persistence.UserRepository;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.out.system.RandomTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API tokens: {@code vf_api_<64 hex>}, shown once, stored as SHA-256, revocable, optionally expiring. */
public final class ApiTokenService implements ManageApiTokensUseCase, ApiTokenQueries {

    private final Transactions transactions;
    private final ApiTokenRepository tokens;
    private final UserRepository users;
    private final TeamRepository teams;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final RandomTokens random;
    private final Clock clock;

    public ApiTokenService(Transactions transactions, ApiTokenRepository tokens, UserRepository users, TeamRepository teams,
                           AuditLog audit, IdGenerator ids, RandomTokens random, Clock clock) {
        this.transactions = transactions;
        this.tokens = tokens;
        this.users = users;
        this.teams = teams;
        this.audit = audit;
        this.ids = ids;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public CreatedToken createUserToken(Actor actor, UserId owner, String name, Role role, Optional<Instant> expiresAt)
            throws NotFoundFailure, ForbiddenFailure {
        // a token never mints a stronger one: a capped personal token can only create tokens up to its own cap
        if (actor.principal() instanceof Principal.Member member && member.cap().isPresent() && !member.cap().get().atLeast(role)) {
            throw new ForbiddenFailure("This API token is capped at " + member.cap().get() + " and cannot create a token with role " + role
                    + "; sign in (or use a token with that role) to create it.");
        }
        return transactions.inTransaction(() -> {
            users.findById(owner).orElseThrow(() -> new NotFoundFailure("User", owner));
            return create(actor, name, Optional.of(owner), Optional.empty(), role, expiresAt);
        });
    }

    @Override
    public CreatedToken createTeamToken(Actor actor, TeamId owner, String name, Role role, Optional<Instant> expiresAt)
            throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            teams.findById(owner).orElseThrow(() -> new NotFoundFailure("Team", owner));
            return create(actor, name, Optional.empty(), Optional.of(owner), role, expiresAt);
        });
    }

    private CreatedToken create(Actor actor, String name, Optional<UserId> user, Optional<TeamId> team, Role role,
                                Optional<Instant> expiresAt) {
        Instant now = clock.instant();
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
            throw new InvalidValueException("expiresAt", "must be in the future");
        }
        String token = SecretTokens.API_TOKEN_PREFIX + random.hex(32);
        ApiToken stored = new ApiToken(new ApiTokenId(ids.newId()), name, SecretTokens.hash(token), user, team, role, expiresAt, now,
                Optional.empty(), Optional.empty());
        tokens.insert(stored);
        audit.append(new AuditEvent(actor, "api_token.create", "api_token", stored.id().toString(), team.map(TeamId::toString),
                Changes.none().field("name", null, name).field("role", null, role)
                        .field("owner", null, user.map(u -> "user:" + u).orElseGet(() -> "team:" + team.orElseThrow()))
                        .field("expiresAt", null, expiresAt.orElse(null)).secret("token", false, true)));
        return new CreatedToken(token, stored);
    }

    @Override
    public void revoke(Actor actor, ApiTokenId id) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            ApiToken token = tokens.findById(id).filter(t -> t.revokedAt().isEmpty())
                    .orElseThrow(() -> new NotFoundFailure("API token", id));
            tokens.revoke(id, clock.instant());
            audit.append(new AuditEvent(actor, "api_token.revoke", "api_token", id.toString(), token.team().map(TeamId::toString),
                    Changes.none().field("revoked", false, true)));
            return null;
        });
    }

    @Override
    public List<ApiToken> tokensOfUser(UserId user) {
        return transactions.inTransaction(() -> tokens.findByUser(user));
    }

    @Override
    public List<ApiToken> tokensOfTeam(TeamId team) {
        return transactions.inTransaction(() -> tokens.findByTeam(team));
    }

    @Override
    public Optional<ApiToken> token(ApiTokenId id) {
        return transactions.inTransaction(() -> tokens.findById(id));
    }
}
