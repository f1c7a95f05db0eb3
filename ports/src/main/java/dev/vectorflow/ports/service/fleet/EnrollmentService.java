package dev.vectorflow.ports.service.fleet;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.failure.RejectedCredentialsFailure;
import dev.vectorflow.core.fleet.EnrollmentToken;
import dev.vectorflow.core.fleet.EnrollmentTokenId;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.NodeToken;
import dev.vectorflow.core.identity.SecretTokens;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.PlainText;
import dev.vectorflow.ports.in.agent.EnrollRequest;
import dev.vectorflow.ports.in.agent.EnrollResponse;
import dev.vectorflow.ports.in.fleet.EnrollNodeUseCase;
import dev.vectorflow.ports.in.fleet.ManageEnrollmentTokensUseCase;
import dev.vectorflow.ports.out.fleet.EnrollmentTokenRepository;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.fleet.NodeRepository;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.out.system.RandomTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Enrollment: admins issue and revoke tokens; agents trade one for a node and its node token. */
public final class EnrollmentService implements ManageEnrollmentTokensUseCase, EnrollNodeUseCase {

    static final Duration MAX_VALIDITY = Duration.ofDays(365);

    private final Transactions transactions;
    private final EnrollmentTokenRepository tokens;
    private final NodeRepository nodes;
    private final EnvironmentRepository environments;
    private final FleetChanges changes;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final RandomTokens random;
    private final FleetTuning settings;
    private final Clock clock;

    public EnrollmentService(Transactions transactions, EnrollmentTokenRepository tokens, NodeRepository nodes,
                             EnvironmentRepository environments, FleetChanges changes, AuditLog audit, IdGenerator ids, RandomTokens random,
                             FleetTuning settings, Clock clock) {
        this.transactions = transactions;
        this.tokens = tokens;
        this.nodes = nodes;
        this.environments = environments;
        this.changes = changes;
        this.audit = audit;
        this.ids = ids;
        this.random = random;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public IssuedEnrollmentToken create(Actor actor, CreateEnrollmentTokenCommand command) throws NotFoundFailure {
        if (command.validity().isNegative() || command.validity().isZero() || command.validity().compareTo(MAX_VALIDITY) > 0) {
            throw new InvalidValueException("expiresInHours", "must be between 1 hour and 365 days");
        }
        return transactions.inTransaction(() -> {
            Environment environment = environment(command.environmentId());
            IssuedEnrollmentToken issued = issue(command.environmentId(), command.name(), command.validity(), command.maxUses(),
                    command.labels(), createdBy(actor), Optional.empty());
            audit.append(new AuditEvent(actor, "enrollment_token.create", "enrollment_token", issued.token().id().toString(),
                    Optional.of(environment.teamId().toString()), Changes.none().field("environment", null, environment.name().value())
                    .field("name", null, issued.token().name()).field("maxUses", null, command.maxUses())
                    .field("expiresAt", null, issued.token().expiresAt().toString()).field("labels", null, command.labels().toString())));
            return issued;
        });
    }

    IssuedEnrollmentToken issue(EnvironmentId environment, String name, Duration validity, int maxUses, Labels labels, String createdBy,
                                Optional<NodeId> reenroll) {
        String text = EnrollmentToken.PREFIX + random.hex(24);
        Instant now = clock.instant();
        EnrollmentToken token = new EnrollmentToken(new EnrollmentTokenId(ids.newId()), environment, PlainText.optionalLine("name", name, 100),
                SecretTokens.hash(text), EnrollmentToken.hintOf(text), maxUses, 0, labels, now.plus(validity), Optional.empty(), now,
                createdBy, reenroll);
        tokens.insert(token);
        return new IssuedEnrollmentToken(token, text);
    }

    private static String createdBy(Actor actor) {
        return actor.label();
    }

    @Override
    public void revoke(Actor actor, EnvironmentId environmentId, EnrollmentTokenId tokenId) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            Environment environment = environment(environmentId);
            EnrollmentToken token = tokens.findById(tokenId).filter(t -> t.environmentId().equals(environmentId))
                    .orElseThrow(() -> new NotFoundFailure("Enrollment token", tokenId));
            if (token.revokedAt().isEmpty()) {
                tokens.update(token.revoked(clock.instant()));
                audit.append(new AuditEvent(actor, "enrollment_token.revoke", "enrollment_token", tokenId.toString(),
                        Optional.of(environment.teamId().toString()), Changes.none().field("state", "ACTIVE", "REVOKED")));
            }
            return null;
        });
    }

    private Environment environment(EnvironmentId id) throws NotFoundFailure {
        return environments.findById(id).orElseThrow(() -> new NotFoundFailure("Environment", id));
    }

    @Override
    public EnrollResponse enroll(EnrollRequest request, String clientAddress) throws RejectedCredentialsFailure {
        String hostname = PlainText.requireSingleLine("hostname", request.hostname(), 253);
        String os = PlainText.optionalLine("os", request.os(), 100);
        String agentVersion = PlainText.optionalLine("agentVersion", request.agentVersion(), 100);
        String vectorVersion = PlainText.optionalLine("vectorVersion", request.vectorVersion(), 300);
        Labels labels = Labels.of(request.labels());
        if (request.token() == null || request.token().isBlank() || request.token().length() > 200) {
            throw new RejectedCredentialsFailure("The enrollment token is unknown, expired, revoked or used up.");
        }
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            EnrollmentToken token = tokens.findByHashForUpdate(SecretTokens.hash(request.token().strip()))
                    .filter(t -> t.state(now) == EnrollmentToken.State.ACTIVE)
                    .orElseThrow(() -> new RejectedCredentialsFailure("The enrollment token is unknown, expired, revoked or used up."));
            Environment environment = environments.findById(token.environmentId())
                    .orElseThrow(() -> new RejectedCredentialsFailure("The enrollment token is unknown, expired, revoked or used up."));
            tokens.update(token.used());
            NodeToken nodeToken = new NodeToken(random.hex(8), random.hex(32));
            // the token's labels are the admin's choice: they count as user-set labels and win over the agent's
            Labels agentLabels = labels;
            NodeId nodeId;
            String action;
            if (token.reenrollNode().isPresent()) {
                nodeId = token.reenrollNode().get();
                if (nodes.findById(nodeId).isEmpty()) {
                    throw new RejectedCredentialsFailure("The node this token re-enrolls was deleted.");
                }
                nodes.replaceToken(nodeId, nodeToken.lookupId(), nodeToken.secretHash(), agentLabels, hostname, os, agentVersion, vectorVersion,
                        now);
                changes.nodeChanged(nodeId);
                action = "node.reenroll";
            } else {
                nodeId = new NodeId(ids.newId());
                nodes.insert(new Node(nodeId, token.environmentId(), hostname, os, agentVersion, vectorVersion, "UNKNOWN", agentLabels,
                        token.labels(), false, NodeStatus.HEALTHY, "enrolled", now, Optional.of(now), false, ""), nodeToken.lookupId(),
                        nodeToken.secretHash());
                action = "node.enroll";
            }
            audit.append(new AuditEvent(new dev.vectorflow.core.access.Actor(new dev.vectorflow.core.access.Principal.Anonymous(), clientAddress,
                    "agent " + agentVersion), action, "node", nodeId.toString(), Optional.of(environment.teamId().toString()),
                    Changes.none().field("hostname", null, hostname).field("environment", null, environment.name().value())
                            .field("enrollmentToken", null, token.hint()).field("labels", null, agentLabels.overriddenBy(token.labels()).toString())));
            return new EnrollResponse(nodeId.toString(), nodeToken.text(), environment.id().toString(), environment.name().value(),
                    settings.pollInterval().toMillis());
        });
    }
}
