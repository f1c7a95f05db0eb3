package dev.vectorflow.ports.in.identity;

import dev.vectorflow.core.identity.ApiToken;
import dev.vectorflow.core.identity.ApiTokenId;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.UserId;
import java.util.List;
import java.util.Optional;

/** Read side of API tokens (metadata only; the token itself is never stored). */
public interface ApiTokenQueries {

    List<ApiToken> tokensOfUser(UserId user);

    List<ApiToken> tokensOfTeam(TeamId team);

    Optional<ApiToken> token(ApiTokenId id);
}
