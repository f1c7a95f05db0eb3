package dev.vectorflow.ports.service.node;

import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.ports.in.enrollment.IssuedEnrollmentToken;
import dev.vectorflow.ports.in.node.ReenrollNodeCommand;
import dev.vectorflow.ports.in.node.ReenrollNodeUseCase;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.enrollment.EnrollmentTokenIssuer;
import dev.vectorflow.ports.service.fleet.Existing;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import java.time.Duration;
import java.util.Optional;

/** Issues the single-use, one-day enrollment token that gives a node a new node token and keeps its record. Audited. */
public final class ReenrollNodeService implements ReenrollNodeUseCase {

    static final Duration VALIDITY = Duration.ofHours(24);

    private final Transactions transactions;
    private final NodeRepository nodes;
    private final EnrollmentTokenIssuer issuer;
    private final FleetAudit audit;

    public ReenrollNodeService(Transactions transactions, NodeRepository nodes, EnrollmentTokenIssuer issuer, FleetAudit audit) {
        this.transactions = transactions;
        this.nodes = nodes;
        this.issuer = issuer;
        this.audit = audit;
    }

    @Override
    public IssuedEnrollmentToken reenrollNode(ReenrollNodeCommand command) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Node node = Existing.node(nodes, command.node());
            IssuedEnrollmentToken issued = issuer.issue(node.environmentId(), "re-enroll " + truncate(node.hostname(), 80), VALIDITY, 1,
                    Labels.NONE, command.actor().label(), Optional.of(node.id()));
            audit.node(command.actor(), "node.reenroll_token", node, Changes.none().field("enrollmentToken", null, issued.token().hint()));
            return issued;
        });
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
