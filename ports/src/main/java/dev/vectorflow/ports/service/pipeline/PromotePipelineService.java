package dev.vectorflow.ports.service.pipeline;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.pipeline.EnvironmentVariables;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.pipeline.References;
import dev.vectorflow.core.pipeline.diff.GraphDiff;
import dev.vectorflow.core.promotion.ApprovalAction;
import dev.vectorflow.core.promotion.ValueMappings;
import dev.vectorflow.core.secret.SecretName;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.InvalidValuesException;
import dev.vectorflow.ports.in.deployment.DeployPipelineCommand;
import dev.vectorflow.ports.in.deployment.DeployPipelineUseCase;
import dev.vectorflow.ports.in.promotion.PromotePipelineCommand;
import dev.vectorflow.ports.in.promotion.PromotePipelineUseCase;
import dev.vectorflow.ports.in.promotion.PromotionPreview;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.service.promotion.ApprovalGate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Promotes a published version into another environment: the version's graph, with the target's environment-specific
 * values, becomes the next version (and the draft) of the pipeline of the same name there, which is created when missing.
 * Every check runs before anything is written; an environment that requires approval gets an approval request instead.
 */
public final class PromotePipelineService implements PromotePipelineUseCase {

    static final int NOTE_MAX_LENGTH = 500;
    private static final PipelineGraph EMPTY = PipelineGraph.of(List.of(), List.of());

    private final Transactions transactions;
    private final PipelineRepository pipelines;
    private final PipelineAudit audit;
    private final PipelineChecks checks;
    private final FleetChanges fleet;
    private final DeployPipelineUseCase deploy;
    private final ApprovalGate gate;
    private final IdGenerator ids;
    private final Clock clock;

    public PromotePipelineService(Transactions transactions, PipelineRepository pipelines, PipelineAudit audit, PipelineChecks checks,
                                  FleetChanges fleet, DeployPipelineUseCase deploy, ApprovalGate gate, IdGenerator ids, Clock clock) {
        this.transactions = transactions;
        this.pipelines = pipelines;
        this.audit = audit;
        this.checks = checks;
        this.fleet = fleet;
        this.deploy = deploy;
        this.gate = gate;
        this.ids = ids;
        this.clock = clock;
    }

    /** What a promotion starts from and lands on, read in one unit of work. */
    private record Plan(Pipeline source, PipelineVersion version, Environment sourceEnvironment, Environment target,
                        Optional<Pipeline> targetPipeline, Optional<PipelineVersion> targetLatest, ValueMappings.Outcome mapped) {
    }

    @Override
    public PromotionPreview preview(PromotePipelineCommand command) throws NotFoundFailure {
        return preview(plan(command, true));
    }

    private PromotionPreview preview(Plan plan) {
        PipelineGraph promoted = plan.mapped().graph();
        References missing = checks.missing(plan.target().id(), promoted);
        return new PromotionPreview(plan.sourceEnvironment(), plan.version().number(), plan.target(), plan.source().name().toString(),
                plan.targetPipeline().map(Pipeline::id), plan.targetLatest().map(PipelineVersion::number), sorted(missing.secrets()),
                sorted(missing.certificates()), GraphDiff.between(plan.targetLatest().map(PipelineVersion::graph).orElse(EMPTY), promoted),
                plan.mapped().applied(), EnvironmentVariables.of(promoted), plan.target().requiresApproval());
    }

    private static List<SecretName> sorted(java.util.Set<SecretName> names) {
        return names.stream().sorted(Comparator.comparing(SecretName::value)).toList();
    }

    @Override
    public PromotionResult promote(PromotePipelineCommand command) throws NotFoundFailure, ConflictFailure {
        Plan plan = plan(command, true);
        PromotionPreview preview = preview(plan);
        if (preview.blocked()) {
            List<InvalidValueException> problems = new ArrayList<>();
            preview.missingSecrets().forEach(s -> problems.add(new InvalidValueException("secrets", "SECRET[" + s + "] is referenced but "
                    + "environment " + plan.target().name() + " has no secret of that name: create it there first")));
            preview.missingCertificates().forEach(c -> problems.add(new InvalidValueException("certificates", "CERT[" + c
                    + "] is referenced but environment " + plan.target().name() + " has no certificate of that name: add it there first")));
            throw new InvalidValuesException(problems);
        }
        if (plan.target().requiresApproval()) {
            return new AwaitingApproval(gate.hold(command.actor(), plan.target(), new ApprovalAction.Promote(command.pipeline(), command.version(),
                    command.target(), command.values(), command.deploy(), plan.targetPipeline().map(Pipeline::id),
                    plan.targetLatest().map(PipelineVersion::number), command.note())));
        }
        return carryOut(command.actor(), plan, command.deploy(), command.note(), Optional.empty());
    }

    /** Carries out an approved promotion as {@code approver} (the requester's access was checked when it was asked). */
    public void runApproved(Actor approver, ApprovalAction.Promote action) throws NotFoundFailure, ConflictFailure {
        PromotePipelineCommand command = new PromotePipelineCommand(approver, action.source(), action.version(), action.target(), action.values(),
                action.deploy(), action.note());
        Plan plan = plan(command, false);
        if (preview(plan).blocked()) {
            throw ConflictFailure.onState("Environment " + plan.target().name() + " no longer has every secret and certificate the version "
                    + "references; preview the promotion again.");
        }
        if (carryOut(approver, plan, action.deploy(), action.note(), Optional.of(approver.label())) instanceof Refused refused) {
            throw ConflictFailure.onState("The promoted version does not pass the checks of environment " + plan.target().name() + ": "
                    + refused.problems().getFirst().message());
        }
    }

    private Plan plan(PromotePipelineCommand command, boolean checkAccess) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Pipeline source = pipelines.findById(command.pipeline()).orElseThrow(() -> new NotFoundFailure("Pipeline", command.pipeline()));
            PipelineVersion version = pipelines.version(source.id(), command.version())
                    .orElseThrow(() -> new NotFoundFailure("Version", command.version() + " of pipeline " + source.name()));
            Environment sourceEnvironment = audit.environment(source.environmentId());
            List<InvalidValueException> problems = new ArrayList<>();
            Optional<Environment> target = targetOf(command, checkAccess, problems);
            if (target.isPresent() && target.get().id().equals(sourceEnvironment.id())) {
                problems.add(new InvalidValueException("targetEnvironmentId", "is the pipeline's own environment (" + sourceEnvironment.name()
                        + "): promote into another one"));
            }
            ValueMappings.Outcome mapped = ValueMappings.apply(version.graph(), command.values());
            problems.addAll(mapped.problems());
            if (command.note().length() > NOTE_MAX_LENGTH) {
                problems.add(new InvalidValueException("note", "must be at most " + NOTE_MAX_LENGTH + " characters"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidValuesException(problems);
            }
            Optional<Pipeline> existing = pipelines.findByName(target.get().id(), source.name());
            Optional<PipelineVersion> latest = existing.flatMap(p -> pipelines.version(p.id(), pipelines.latestVersionNumber(p.id())));
            return new Plan(source, version, sourceEnvironment, target.get(), existing, latest, mapped);
        });
    }

    // an environment the caller cannot see answers like one that does not exist
    private Optional<Environment> targetOf(PromotePipelineCommand command, boolean checkAccess, List<InvalidValueException> problems) {
        Optional<Environment> target;
        try {
            target = Optional.of(audit.environment(command.target()));
        } catch (NotFoundFailure missing) {
            target = Optional.empty();
        }
        Optional<Role> role = target.flatMap(t -> command.actor().principal().roleIn(t.teamId()));
        if (target.isEmpty() || (checkAccess && role.isEmpty())) {
            problems.add(new InvalidValueException("targetEnvironmentId", "names no environment you can write (" + command.target()
                    + " does not exist or belongs to a team you are not a member of)"));
            return Optional.empty();
        }
        if (checkAccess && !role.get().atLeast(Role.EDITOR)) {
            problems.add(new InvalidValueException("targetEnvironmentId", "is environment " + target.get().name() + " where you are "
                    + role.get() + ": promoting into it needs the EDITOR role in its team"));
            return Optional.empty();
        }
        return target;
    }

    private PromotionResult carryOut(Actor actor, Plan plan, Optional<dev.vectorflow.core.fleet.NodeSelector> selector, String note,
                                     Optional<String> approvedBy) throws NotFoundFailure, ConflictFailure {
        PipelineGraph graph = plan.mapped().graph();
        PipelineChecks.Verdict verdict = checks.forPublishing(plan.target().id(), graph);
        if (verdict instanceof PipelineChecks.Unfit unfit) {
            return new Refused(unfit.problems());
        }
        PipelineChecks.Fit fit = (PipelineChecks.Fit) verdict;
        String message = "Promoted from " + plan.sourceEnvironment().name() + " v" + plan.version().number()
                + (note.isBlank() ? "" : ": " + note);
        Promoted promoted = store(actor, plan, graph, fit, message, approvedBy);
        if (selector.isEmpty()) {
            return promoted;
        }
        Deployment deployment = deploy.deployPipeline(new DeployPipelineCommand(actor, promoted.pipeline().id(),
                Optional.of(promoted.version().number()), selector.get())).deployment();
        return new Promoted(promoted.pipeline(), promoted.created(), promoted.version(), Optional.of(deployment));
    }

    private Promoted store(Actor actor, Plan plan, PipelineGraph graph, PipelineChecks.Fit fit, String message, Optional<String> approvedBy)
            throws NotFoundFailure, ConflictFailure {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.inTransaction(() -> {
                    Instant now = clock.instant();
                    EnvironmentId target = plan.target().id();
                    Optional<Pipeline> existing = pipelines.findByName(target, plan.source().name());
                    Pipeline pipeline;
                    if (existing.isPresent()) {
                        pipeline = existing.get().withDraft(graph, actor.label(), now);
                        pipelines.update(pipeline);
                    } else {
                        pipeline = new Pipeline(new PipelineId(ids.newId()), target, plan.source().name(), plan.source().description(), graph,
                                actor.label(), now, actor.label(), now);
                        pipelines.insert(pipeline);
                        fleet.environmentChanged(target);
                        audit.record(actor, "pipeline.create", pipeline, Changes.none().field("environment", null, target)
                                .field("name", null, pipeline.name()).field("components", null, graph.components().size()));
                    }
                    int number = pipelines.latestVersionNumber(pipeline.id()) + 1;
                    PipelineVersion version = new PipelineVersion(pipeline.id(), number, graph, fit.yaml(), PipelineVersion.checksumOf(fit.yaml()),
                            actor.label(), message, now, Optional.empty());
                    pipelines.insertVersion(version);
                    audit.record(actor, "pipeline.promote", pipeline, Changes.none().field("version", null, number)
                            .field("checksum", null, version.checksum())
                            .field("from", null, plan.sourceEnvironment().name() + "/" + plan.source().name() + " v" + plan.version().number())
                            .field("sourcePipeline", null, plan.source().id()).field("values", null, plan.mapped().applied().size())
                            .field("approvedBy", null, approvedBy.orElse(null)));
                    return new Promoted(pipeline, existing.isEmpty(), version, Optional.empty());
                });
            } catch (UniqueViolation taken) {
                if (attempt == PublishPipelineService.NUMBER_ATTEMPTS) {
                    throw ConflictFailure.onState("Other changes to the target pipeline keep getting in the way; try again.");
                }
            }
        }
    }
}
