package dev.vectorflow.ports.service.heartbeat;

import dev.vectorflow.core.fleet.NodeToken;
import dev.vectorflow.ports.in.heartbeat.AgentIdentity;
import dev.vectorflow.ports.in.heartbeat.AuthenticateAgentUseCase;
import dev.vectorflow.ports.out.node.NodeRepository.NodeCredential;
import dev.vectorflow.ports.service.fleet.NodeDirectory;
import java.util.Optional;

/** Finds the node by its token's lookup id (cached) and checks the token's secret against the stored hash in constant time. */
public final class AuthenticateAgentService implements AuthenticateAgentUseCase {

    private final NodeDirectory nodes;

    public AuthenticateAgentService(NodeDirectory nodes) {
        this.nodes = nodes;
    }

    @Override
    public Optional<AgentIdentity> authenticate(String bearerToken) {
        Optional<NodeToken> token = NodeToken.parse(bearerToken);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Optional<NodeCredential> credential = nodes.credential(token.get().lookupId());
        if (credential.isEmpty() || credential.get().revoked() || !token.get().matches(credential.get().tokenHash())) {
            return Optional.empty();
        }
        return Optional.of(new AgentIdentity(credential.get().nodeId(), credential.get().environmentId()));
    }
}
