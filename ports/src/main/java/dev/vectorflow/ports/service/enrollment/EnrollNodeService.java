package dev.vectorflow.ports.service.enrollment;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.failure.RejectedCredentialsFailure;
import dev.vectorflow.core.fleet.EnrollmentToken;
import dev.vectorflow.core.identity.SecretTokens;
import dev.vectorflow.ports.in.enrollment.EnrollNodeCommand;
import dev.vectorflow.ports.in.enrollment.EnrollNodeUseCase;
import dev.vectorflow.ports.in.enrollment.EnrolledNode;
import dev.vectorflow.ports.out.enrollment.EnrollmentTokenRepository;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.fleet.FleetTuning;
import dev.vectorflow.ports.service.fleet.NodeDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Trades an active enrollment token for a node and its node token: one use of the token is taken under a row lock, so
 * two agents racing for its last use cannot both win. Audited as the anonymous agent at its address.
 */
public final class EnrollNodeService implements EnrollNodeUseCase {

    private static final String REFUSED = "The enrollment token is unknown, expired, revoked or used up.";

    private final Transactions transactions;
    private final EnrollmentTokenRepository tokens;
    private final EnvironmentRepository environments;
    private final NodeRegistration registration;
    private final NodeDirectory directory;
    private final AuditLog audit;
    private final FleetTuning settings;
    private final Clock clock;

    public EnrollNodeService(Transactions transactions, EnrollmentTokenRepository tokens, EnvironmentRepository environments,
                             NodeRegistration registration, NodeDirectory directory, AuditLog audit, FleetTuning settings, Clock clock) {
        this.transactions = transactions;
        this.tokens = tokens;
        this.environments = environments;
        this.registration = registration;
        this.directory = directory;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public EnrolledNode enrollNode(EnrollNodeCommand command) throws RejectedCredentialsFailure {
        if (command.token() == null || command.token().isBlank() || command.token().length() > 200) {
            throw new RejectedCredentialsFailure(REFUSED);
        }
        Instant now = clock.instant();
        Enrolled enrolled = transactions.inTransaction(() -> {
            EnrollmentToken token = tokens.findByHashForUpdate(SecretTokens.hash(command.token().strip()))
                    .filter(t -> t.state(now) == EnrollmentToken.State.ACTIVE)
                    .orElseThrow(() -> new RejectedCredentialsFailure(REFUSED));
            Environment environment = environments.findById(token.environmentId()).orElseThrow(() -> new RejectedCredentialsFailure(REFUSED));
            tokens.update(token.used());
            NodeRegistration.Registered node = registration.register(token, command, now);
            audit.append(new AuditEvent(new Actor(new Principal.Anonymous(), command.clientAddress(), "agent " + command.agentVersion()),
                    node.action(), "node", node.nodeId().toString(), Optional.of(environment.teamId().toString()),
                    Changes.none().field("hostname", null, command.hostname()).field("environment", null, environment.name().value())
                            .field("enrollmentToken", null, token.hint())
                            .field("labels", null, command.labels().overriddenBy(token.labels()).toString())));
            return new Enrolled(node, new EnrolledNode(node.nodeId(), node.token(), environment.id(), environment.name().value(),
                    settings.pollInterval()));
        });
        // committed: the new node's first heartbeat finds it in the cache
        enrolled.registered().created().ifPresent(created -> directory.enrolled(created.node(), created.credential()));
        return enrolled.answer();
    }

    private record Enrolled(NodeRegistration.Registered registered, EnrolledNode answer) {
    }
}
