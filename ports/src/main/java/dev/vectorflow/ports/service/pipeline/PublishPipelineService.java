package dev.vectorflow.ports.service.pipeline;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.ports.in.pipeline.PublishPipelineUseCase;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.time.Clock;
import java.util.Optional;

/**
 * Publishes drafts and rolls back to old versions (as new versions). The graph is checked, Vector included, before a
 * unit of work opens; the version then takes the next number, and when a concurrent publish took that number first, the
 * next free one.
 */
public final class PublishPipelineService implements PublishPipelineUseCase {

    /** How often a publish tries the next number after a concurrent publish took its number. */
    static final int NUMBER_ATTEMPTS = 5;

    private final Transactions transactions;
    private final PipelineRepository pipelines;
    private final PipelineAudit audit;
    private final PipelineChecks checks;
    private final Clock clock;

    public PublishPipelineService(Transactions transactions, PipelineRepository pipelines, PipelineAudit audit, PipelineChecks checks,
                                  Clock clock) {
        this.transactions = transactions;
        this.pipelines = pipelines;
        this.audit = audit;
        this.checks = checks;
        this.clock = clock;
    }

    private Pipeline existing(PipelineId id) throws NotFoundFailure {
        return pipelines.findById(id).orElseThrow(() -> new NotFoundFailure("Pipeline", id));
    }

    @Override
    public PublishResult publish(Actor actor, PipelineId id, String message) throws NotFoundFailure, ConflictFailure {
        Pipeline current = transactions.inTransaction(() -> existing(id));
        return publish(actor, current, current.draft(), message, Optional.empty());
    }

    @Override
    public PublishResult rollback(Actor actor, PipelineId id, int number, String message) throws NotFoundFailure, ConflictFailure {
        Pipeline current = transactions.inTransaction(() -> existing(id));
        PipelineVersion old = transactions.inTransaction(() -> pipelines.version(id, number))
                .orElseThrow(() -> new NotFoundFailure("Version", number));
        String why = message == null || message.isBlank() ? "Rollback to version " + number : message;
        return publish(actor, current, old.graph(), why, Optional.of(number));
    }

    /** Checks {@code graph} outside any unit of work, then stores it as the pipeline's next version (a rollback also as its draft). */
    private PublishResult publish(Actor actor, Pipeline pipeline, PipelineGraph graph, String message, Optional<Integer> restoredFrom)
            throws NotFoundFailure, ConflictFailure {
        return switch (checks.forPublishing(pipeline.environmentId(), graph)) {
            case PipelineChecks.Unfit unfit -> new Refused(unfit.problems());
            case PipelineChecks.Fit fit -> store(actor, pipeline.id(), graph, fit, message, restoredFrom);
        };
    }

    private Published store(Actor actor, PipelineId id, PipelineGraph graph, PipelineChecks.Fit fit, String message,
                            Optional<Integer> restoredFrom) throws NotFoundFailure, ConflictFailure {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.inTransaction(() -> {
                    Pipeline pipeline = existing(id);
                    int number = pipelines.latestVersionNumber(id) + 1;
                    PipelineVersion version = new PipelineVersion(id, number, graph, fit.yaml(), PipelineVersion.checksumOf(fit.yaml()),
                            actor.label(), message, clock.instant(), restoredFrom);
                    pipelines.insertVersion(version);
                    if (restoredFrom.isPresent()) {
                        pipelines.update(pipeline.withDraft(graph, actor.label(), clock.instant()));
                    }
                    audit.record(actor, restoredFrom.isPresent() ? "pipeline.rollback" : "pipeline.publish", pipeline, Changes.none()
                            .field("version", null, number).field("checksum", null, version.checksum())
                            .field("restoredFrom", null, restoredFrom.orElse(null)));
                    return new Published(version, fit.warnings(), fit.checkedByVector());
                });
            } catch (UniqueViolation numberTaken) {
                if (attempt == NUMBER_ATTEMPTS) {
                    throw ConflictFailure.onState("Other publishes of this pipeline keep taking the next version number; try again.");
                }
            }
        }
    }
}
