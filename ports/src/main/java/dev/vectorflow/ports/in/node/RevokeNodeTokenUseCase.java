package dev.vectorflow.ports.in.node;

import dev.vectorflow.core.failure.NotFoundFailure;

/** Use case: revoke a node's token; its agent gets 401 from its next call on. */
public interface RevokeNodeTokenUseCase {

    void revokeNodeToken(RevokeNodeTokenCommand command) throws NotFoundFailure;
}
