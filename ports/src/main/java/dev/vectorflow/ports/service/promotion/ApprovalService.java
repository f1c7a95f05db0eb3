package dev.vectorflow.ports.service.promotion;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.DomainFailure;
import dev.vectorflow.core.failure.ForbiddenFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.pipeline.diff.GraphDiff;
import dev.vectorflow.core.promotion.ApprovalAction;
import dev.vectorflow.core.promotion.ApprovalRequest;
import dev.vectorflow.core.promotion.ApprovalRequestId;
import dev.vectorflow.core.promotion.ApprovalState;
import dev.vectorflow.core.promotion.ValueMappings;
import dev.vectorflow.ports.in.deployment.DeployPipelineCommand;
import dev.vectorflow.ports.in.deployment.DeployPipelineUseCase;
import dev.vectorflow.ports.in.promotion.ApprovalQueries;
import dev.vectorflow.ports.in.promotion.DecideApprovalUseCase;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.promotion.ApprovalRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides approval requests and lists them. An approval is stored first (so that two admins cannot both carry it out),
 * then its action runs as the approver; when the action fails the request is pending again, and the audit log says why.
 */
public final class ApprovalService implements DecideApprovalUseCase, ApprovalQueries {

    /** Carries out an approved promotion (the promotion service, which this package must not depend on). */
    @FunctionalInterface
    public interface PromotionRunner {
        void run(Actor approver, ApprovalAction.Promote action) throws DomainFailure;
    }

    private static final PipelineGraph EMPTY = PipelineGraph.of(List.of(), List.of());

    private final Transactions transactions;
    private final ApprovalRepository approvals;
    private final EnvironmentRepository environments;
    private final PipelineRepository pipelines;
    private final AuditLog audit;
    private final DeployPipelineUseCase deploy;
    private final PromotionRunner promote;
    private final Clock clock;

    public ApprovalService(Transactions transactions, ApprovalRepository approvals, EnvironmentRepository environments,
                           PipelineRepository pipelines, AuditLog audit, DeployPipelineUseCase deploy, PromotionRunner promote, Clock clock) {
        this.transactions = transactions;
        this.approvals = approvals;
        this.environments = environments;
        this.pipelines = pipelines;
        this.audit = audit;
        this.deploy = deploy;
        this.promote = promote;
        this.clock = clock;
    }

    @Override
    public ApprovalRequest approve(Actor actor, EnvironmentId environment, ApprovalRequestId id)
            throws NotFoundFailure, ForbiddenFailure, ConflictFailure {
        ApprovalRequest approved = decide(actor, environment, id, ApprovalState.APPROVED, "");
        try {
            switch (approved.action()) {
                case ApprovalAction.Deploy d -> deploy.deployPipeline(new DeployPipelineCommand(actor, d.pipeline(), Optional.of(d.version()),
                        d.selector(), d.rollout()));
                case ApprovalAction.Promote p -> promote.run(actor, p);
            }
        } catch (NotFoundFailure | ConflictFailure | ForbiddenFailure | RuntimeException failed) {
            reopen(actor, approved, failed.getMessage());
            throw failed;
        } catch (DomainFailure failed) {
            reopen(actor, approved, failed.getMessage());
            throw ConflictFailure.onState("The approved action could not be carried out: " + failed.getMessage());
        }
        return approved;
    }

    @Override
    public ApprovalRequest reject(Actor actor, EnvironmentId environment, ApprovalRequestId id, String reason)
            throws NotFoundFailure, ForbiddenFailure, ConflictFailure {
        return decide(actor, environment, id, ApprovalState.REJECTED, ApprovalRequest.checkReason(reason));
    }

    private ApprovalRequest decide(Actor actor, EnvironmentId environmentId, ApprovalRequestId id, ApprovalState outcome, String reason)
            throws NotFoundFailure, ForbiddenFailure, ConflictFailure {
        record Found(Environment environment, ApprovalRequest request) {
        }
        Found found = transactions.inTransaction(() -> new Found(environment(environmentId), request(environmentId, id)));
        Environment environment = found.environment();
        ApprovalRequest request = found.request();
        if (!actor.principal().roleIn(environment.teamId()).map(r -> r.atLeast(Role.ADMIN)).orElse(false)) {
            throw new ForbiddenFailure("Only an admin of the team of environment " + environment.name() + " may decide this request.");
        }
        if (!request.requesterId().isEmpty() && request.requesterId().equals(actor.actorId())) {
            throw new ForbiddenFailure("You asked for this yourself (" + request.requestedBy()
                    + "): another admin of the team must approve or reject it.");
        }
        Instant now = clock.instant();
        ApprovalState state = request.stateAt(now);
        if (state != ApprovalState.PENDING) {
            throw ConflictFailure.onState("This request is " + state.name().toLowerCase(Locale.ROOT)
                    + (state == ApprovalState.EXPIRED ? " (it waited since " + request.requestedAt() + "); ask again" : "") + ".");
        }
        ApprovalRequest decided = request.decided(outcome, actor.label(), reason, now);
        return transactions.inTransaction(() -> {
            if (!approvals.decide(decided)) {
                throw ConflictFailure.onState("Another admin decided this request first.");
            }
            audit.append(new AuditEvent(actor, outcome == ApprovalState.APPROVED ? "approval.approve" : "approval.reject", "approval",
                    id.toString(), Optional.of(environment.teamId().toString()), ApprovalGate.describe(request.action())
                    .field("state", ApprovalState.PENDING, outcome).field("requestedBy", null, request.requestedBy())
                    .field("reason", null, reason.isEmpty() ? null : reason)));
            return decided;
        });
    }

    private void reopen(Actor actor, ApprovalRequest request, String why) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            approvals.reopen(request.id());
            audit.append(new AuditEvent(actor, "approval.failed", "approval", request.id().toString(),
                    Optional.of(environment(request.environment()).teamId().toString()),
                    Changes.none().field("state", ApprovalState.APPROVED, ApprovalState.PENDING).field("error", null, why)));
            return null;
        });
    }

    private Environment environment(EnvironmentId id) throws NotFoundFailure {
        return environments.findById(id).orElseThrow(() -> new NotFoundFailure("Environment", id));
    }

    private ApprovalRequest request(EnvironmentId environment, ApprovalRequestId id) throws NotFoundFailure {
        return approvals.find(id).filter(r -> r.environment().equals(environment))
                .orElseThrow(() -> new NotFoundFailure("Approval request", id));
    }

    @Override
    public List<ApprovalView> approvals(EnvironmentId environment, Optional<ApprovalState> state, int limit) throws NotFoundFailure {
        Instant now = clock.instant();
        ApprovalRepository.Filter filter = state.<ApprovalRepository.Filter>map(s -> switch (s) {
            case PENDING -> new ApprovalRepository.PendingAt(now);
            case EXPIRED -> new ApprovalRepository.ExpiredAt(now);
            case APPROVED -> new ApprovalRepository.Decided(true);
            case REJECTED -> new ApprovalRepository.Decided(false);
        }).orElse(new ApprovalRepository.All());
        return transactions.inTransaction(() -> {
            environment(environment);
            return approvals.findByEnvironment(environment, filter, Math.max(1, Math.min(limit, MAX_LIST))).stream()
                    .map(r -> view(r, now)).toList();
        });
    }

    @Override
    public ApprovalView approval(EnvironmentId environment, ApprovalRequestId id) throws NotFoundFailure {
        return transactions.inTransaction(() -> view(request(environment, id), clock.instant()));
    }

    private ApprovalView view(ApprovalRequest request, Instant now) {
        return switch (request.action()) {
            case ApprovalAction.Deploy d -> new ApprovalView(request, request.stateAt(now), name(d.pipeline()),
                    GraphDiff.between(graph(d.pipeline(), d.deployedVersion()), graph(d.pipeline(), Optional.of(d.version()))));
            case ApprovalAction.Promote p -> {
                PipelineGraph promoted = ValueMappings.apply(graph(p.source(), Optional.of(p.version())), p.values()).graph();
                PipelineGraph before = p.targetPipeline().map(t -> graph(t, p.targetVersion())).orElse(EMPTY);
                yield new ApprovalView(request, request.stateAt(now), name(p.source()), GraphDiff.between(before, promoted));
            }
        };
    }

    private String name(PipelineId id) {
        return pipelines.findById(id).map(Pipeline::name).map(Object::toString).orElse("(deleted pipeline)");
    }

    private PipelineGraph graph(PipelineId id, Optional<Integer> number) {
        return number.flatMap(n -> pipelines.version(id, n)).map(PipelineVersion::graph).orElse(EMPTY);
    }
}
