package dev.vectorflow.ports.service.pipeline;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import java.util.Optional;

/** Appends the pipelines' audit entries under the team that owns the pipeline's environment (inside the caller's unit of work). */
public final class PipelineAudit {

    private final AuditLog audit;
    private final EnvironmentRepository environments;

    public PipelineAudit(AuditLog audit, EnvironmentRepository environments) {
        this.audit = audit;
        this.environments = environments;
    }

    Environment environment(EnvironmentId id) throws NotFoundFailure {
        return environments.findById(id).orElseThrow(() -> new NotFoundFailure("Environment", id));
    }

    void record(Actor actor, String action, Pipeline pipeline, Changes changes) throws NotFoundFailure {
        audit.append(new AuditEvent(actor, action, "pipeline", pipeline.id().toString(),
                Optional.of(environment(pipeline.environmentId()).teamId().toString()), changes));
    }
}
