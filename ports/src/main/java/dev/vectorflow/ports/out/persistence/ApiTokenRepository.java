package dev.vectorflow.ports.out.persistence;

import dev.vectorflow.core.identity.ApiToken;
import dev.vectorflow.core.identity.ApiTokenId;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Driven port: stores API tokens by the hash of the token. */
public interface ApiTokenRepository {

    void insert(ApiToken token);

    Optional<ApiToken> findByHash(String tokenHash);

    Optional<ApiToken> findById(ApiTokenId id);

    List<ApiToken> findByUser(UserId user);

    List<ApiToken> findByTeam(TeamId team);

    boolean revoke(ApiTokenId id, Instant at);

    void markUsed(ApiTokenId id, Instant at);
}
