package dev.vectorflow.agent.control;

import dev.vectorflow.agent.control.ControlLoop.State;
import dev.vectorflow.agent.port.ControlPlane;
import dev.vectorflow.agent.port.ControlPlane.Reply;
import dev.vectorflow.agent.port.NodeTokenStore;
import dev.vectorflow.ports.protocol.EnrollRequest;
import dev.vectorflow.ports.protocol.EnrollResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** Trades the enrollment token ({@code VF_TOKEN}) for this node's own token, once; retries while the server cannot be reached. */
final class Enroller {

    private static final System.Logger LOG = System.getLogger("vectorflow.agent");

    private final ControlSettings settings;
    private final ControlPlane server;
    private final NodeTokenStore tokens;
    private final Supplier<String> vectorVersion;
    private final ServerSession session;

    Enroller(ControlSettings settings, ControlPlane server, NodeTokenStore tokens, Supplier<String> vectorVersion, ServerSession session) {
        this.settings = settings;
        this.server = server;
        this.tokens = tokens;
        this.vectorVersion = vectorVersion;
        this.session = session;
    }

    /** True once the node token is stored and the session uses it; false when refused (UNAUTHORIZED) or stopped. */
    boolean enroll() throws NodeTokenStore.TokenStoreFailure {
        if (settings.enrollmentToken().isEmpty()) {
            LOG.log(System.Logger.Level.ERROR, "This node holds no node token and VF_TOKEN is not set: ask an admin for an enrollment token and start the agent with VF_TOKEN.");
            session.state(State.UNAUTHORIZED);
            return false;
        }
        session.state(State.ENROLLING);
        int attempt = 0;
        while (!session.stopping()) {
            EnrollRequest request = new EnrollRequest(settings.enrollmentToken().get(), settings.hostname(), settings.os(),
                    settings.agentVersion(), vectorVersion.get(), settings.labels());
            Reply<EnrollResponse> reply = server.enroll(request);
            switch (reply) {
                case Reply.Ok<EnrollResponse> ok -> {
                    tokens.save(ok.value().nodeToken());
                    session.useToken(ok.value().nodeToken());
                    session.pollIntervalMs(ok.value().pollIntervalMs());
                    LOG.log(System.Logger.Level.INFO, "enrolled as node " + ok.value().nodeId() + " in environment "
                            + ok.value().environmentName() + "; the node token is stored, VF_TOKEN is no longer needed");
                    session.state(State.CONNECTING);
                    return true;
                }
                case Reply.Unauthorized<EnrollResponse> u -> {
                    return refused("The server refused the enrollment token (" + u.message()
                            + "): it is unknown, expired, revoked or used up. Ask an admin for a new one.");
                }
                case Reply.Rejected<EnrollResponse> r -> {
                    return refused("The server refused the enrollment (" + r.status() + "): " + r.message());
                }
                case Reply.NotFound<EnrollResponse> n -> {
                    return refused("VF_URL does not look like a VectorFlow server (enroll answered 404): " + n.message());
                }
                case Reply.Unavailable<EnrollResponse> u -> {
                    attempt++;
                    Duration wait = u.retryAfter().orElse(session.retryDelay(attempt));
                    LOG.log(System.Logger.Level.WARNING, "cannot enroll yet (" + u.message() + "); retrying in " + wait.toMillis() + " ms");
                    session.backOff(wait);
                }
            }
        }
        return false;
    }

    private boolean refused(String why) {
        LOG.log(System.Logger.Level.ERROR, why);
        session.state(State.UNAUTHORIZED);
        return false;
    }
}
