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

    /** @throws UniqueViolation when another token has the same hash */
    void insert(ApiToken token);

    Optional<ApiToken> findByHash(String tokenHash);

    Optional<ApiToken> findById(ApiTokenId id);

    /** The user's tokens, newest first. */
    List<ApiToken> findByUser(UserId user);

    /** The team's tokens, newest first. */
    List<ApiToken> findByTeam(TeamId team);

    /** Stamps the revocation time on a token not yet revoked; false (changing nothing) when it is unknown or already revoked. */
    boolean revoke(ApiTokenId id, Instant at);

    /** Stamps the time of the token's last use, if it exists. */
    void markUsed(ApiTokenId id, Instant at);
}
