package dev.vectorflow.ports.fake;

import dev.vectorflow.core.identity.ApiToken;
import dev.vectorflow.core.identity.ApiTokenId;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.out.persistence.ApiTokenRepository;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Fake of {@link ApiTokenRepository} over a map; token hashes are unique. */
public final class InMemoryApiTokenRepository implements ApiTokenRepository, InMemoryTransactions.Participant {

    private Map<ApiTokenId, ApiToken> tokens = new LinkedHashMap<>();

    @Override
    public void insert(ApiToken token) {
        if (findByHash(token.tokenHash()).isPresent()) {
            throw new UniqueViolation("token hash taken", null);
        }
        tokens.put(token.id(), token);
    }

    @Override
    public Optional<ApiToken> findByHash(String tokenHash) {
        return tokens.values().stream().filter(t -> t.tokenHash().equals(tokenHash)).findFirst();
    }

    @Override
    public Optional<ApiToken> findById(ApiTokenId id) {
        return Optional.ofNullable(tokens.get(id));
    }

    @Override
    public List<ApiToken> findByUser(UserId user) {
        return newestFirst(t -> t.user().equals(Optional.of(user)));
    }

    @Override
    public List<ApiToken> findByTeam(TeamId team) {
        return newestFirst(t -> t.team().equals(Optional.of(team)));
    }

    private List<ApiToken> newestFirst(Predicate<ApiToken> owned) {
        return tokens.values().stream().filter(owned).sorted(Comparator.comparing(ApiToken::createdAt).reversed()).toList();
    }

    @Override
    public boolean revoke(ApiTokenId id, Instant at) {
        ApiToken token = tokens.get(id);
        if (token == null || token.revokedAt().isPresent()) {
            return false;
        }
        tokens.put(id, new ApiToken(token.id(), token.name(), token.tokenHash(), token.user(), token.team(), token.role(), token.expiresAt(),
                token.createdAt(), Optional.of(at), token.lastUsedAt()));
        return true;
    }

    @Override
    public void markUsed(ApiTokenId id, Instant at) {
        tokens.computeIfPresent(id, (i, t) -> new ApiToken(t.id(), t.name(), t.tokenHash(), t.user(), t.team(), t.role(), t.expiresAt(),
                t.createdAt(), t.revokedAt(), Optional.of(at)));
    }

    @Override
    public Object snapshot() {
        return new LinkedHashMap<>(tokens);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        tokens = new LinkedHashMap<>((Map<ApiTokenId, ApiToken>) snapshot);
    }
}
