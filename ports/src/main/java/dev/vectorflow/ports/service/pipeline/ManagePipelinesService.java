package dev.vectorflow.ports.service.pipeline;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.InvalidGraphFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.pipeline.GraphImporter;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineName;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.core.secret.SecretName;
import dev.vectorflow.core.secret.SecretValue;
import dev.vectorflow.ports.in.pipeline.ManagePipelinesUseCase;
import dev.vectorflow.ports.in.secret.ManageSecretsUseCase;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import dev.vectorflow.ports.service.UniqueNames;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates, renames, imports, edits and deletes pipelines. Audited; a change of the pipelines an environment has (created,
 * renamed, deleted) makes every server recompute that environment's desired state.
 */
public final class ManagePipelinesService implements ManagePipelinesUseCase {

    private final Transactions transactions;
    private final PipelineRepository pipelines;
    private final PipelineAudit audit;
    private final PipelineChecks checks;
    private final ManageSecretsUseCase secrets;
    private final IdGenerator ids;
    private final Clock clock;
    private final FleetChanges fleet;

    public ManagePipelinesService(Transactions transactions, PipelineRepository pipelines, PipelineAudit audit, PipelineChecks checks,
                                  ManageSecretsUseCase secrets, IdGenerator ids, Clock clock, FleetChanges fleet) {
        this.transactions = transactions;
        this.pipelines = pipelines;
        this.audit = audit;
        this.checks = checks;
        this.secrets = secrets;
        this.ids = ids;
        this.clock = clock;
        this.fleet = fleet;
    }

    private Pipeline existing(PipelineId id) throws NotFoundFailure {
        return pipelines.findById(id).orElseThrow(() -> new NotFoundFailure("Pipeline", id));
    }

    private static ConflictFailure nameTaken(PipelineName name) {
        return ConflictFailure.onField("name", "A pipeline named '" + name + "' exists already in this environment");
    }

    @Override
    public Pipeline createPipeline(Actor actor, EnvironmentId environmentId, PipelineName name, String description, PipelineGraph draft)
            throws NotFoundFailure, ConflictFailure, InvalidGraphFailure {
        checks.requireStorable(draft);
        return UniqueNames.claimWithin(transactions, () -> nameTaken(name), () -> insert(actor, environmentId, name, description, draft));
    }

    private Pipeline insert(Actor actor, EnvironmentId environmentId, PipelineName name, String description, PipelineGraph draft)
            throws NotFoundFailure, ConflictFailure {
        audit.environment(environmentId);
        if (pipelines.findByName(environmentId, name).isPresent()) {
            throw nameTaken(name);
        }
        Instant now = clock.instant();
        Pipeline pipeline = new Pipeline(new PipelineId(ids.newId()), environmentId, name, description, draft, actor.label(), now,
                actor.label(), now);
        pipelines.insert(pipeline);
        fleet.environmentChanged(environmentId); // the environment's pipeline names are part of its desired state
        audit.record(actor, "pipeline.create", pipeline, Changes.none().field("environment", null, environmentId).field("name", null, name)
                .field("components", null, draft.components().size()));
        return pipeline;
    }

    @Override
    public Pipeline updatePipeline(Actor actor, PipelineId id, Optional<PipelineName> name, Optional<String> description)
            throws NotFoundFailure, ConflictFailure {
        return UniqueNames.claimWithin(transactions, () -> nameTaken(name.orElseThrow()), () -> {
            Pipeline current = existing(id);
            PipelineName newName = name.orElse(current.name());
            if (!newName.equals(current.name()) && pipelines.findByName(current.environmentId(), newName)
                    .filter(other -> !other.id().equals(id)).isPresent()) {
                throw nameTaken(newName);
            }
            Pipeline changed = current.withDetails(newName, description.orElse(current.description()), actor.label(), clock.instant());
            pipelines.update(changed);
            fleet.environmentChanged(changed.environmentId()); // a new name shows in the node views
            audit.record(actor, "pipeline.update", changed, Changes.none().field("name", current.name(), changed.name())
                    .field("description", current.description(), changed.description()));
            return changed;
        });
    }

    @Override
    public Pipeline saveDraft(Actor actor, PipelineId id, PipelineGraph draft) throws NotFoundFailure, InvalidGraphFailure {
        checks.requireStorable(draft);
        return transactions.inTransaction(() -> {
            Pipeline current = existing(id);
            Pipeline changed = current.withDraft(draft, actor.label(), clock.instant());
            pipelines.update(changed);
            audit.record(actor, "pipeline.save_draft", changed, Changes.none().field("components", current.draft().components().size(),
                    draft.components().size()).field("edges", current.draft().edges().size(), draft.edges().size()));
            return changed;
        });
    }

    @Override
    public Pipeline resetDraft(Actor actor, PipelineId id, int version) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Pipeline current = existing(id);
            PipelineVersion source = pipelines.version(id, version).orElseThrow(() -> new NotFoundFailure("Version", version));
            Pipeline changed = current.withDraft(source.graph(), actor.label(), clock.instant());
            pipelines.update(changed);
            audit.record(actor, "pipeline.reset_draft", changed, Changes.none().field("toVersion", null, version));
            return changed;
        });
    }

    @Override
    public void deletePipeline(Actor actor, PipelineId id) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            Pipeline current = existing(id);
            audit.record(actor, "pipeline.delete", current, Changes.none().field("name", current.name(), null));
            pipelines.delete(id);
            fleet.environmentChanged(current.environmentId()); // gone from its environment's desired state, deployed or not
            return null;
        });
    }

    @Override
    public ImportOutcome importPipeline(Actor actor, EnvironmentId environmentId, PipelineName name, String text, Optional<ConfigFormat> format)
            throws NotFoundFailure, ConflictFailure {
        Map<String, Object> tree = checks.read(text, format);
        GraphImporter.ImportResult imported = new GraphImporter(checks.catalog()).importConfig(tree);
        List<MovedSecret> moved = imported.movedSecrets().stream()
                .map(m -> new MovedSecret(m.component().value(), m.optionPath(), m.secretName())).toList();
        List<Problem> structural = checks.catalogProblems(imported.graph()).stream()
                .filter(p -> p.structural() && !p.optionPath().equals("type")).toList();
        if (imported.hasErrors() || !structural.isEmpty()) {
            List<Problem> all = new ArrayList<>(imported.problems());
            all.addAll(structural);
            return new ImportOutcome(Optional.empty(), all, List.of());
        }
        return UniqueNames.claimWithin(transactions, () -> nameTaken(name), () -> {
            Pipeline pipeline = insert(actor, environmentId, name, "", imported.graph());
            for (GraphImporter.MovedSecret m : imported.movedSecrets()) {
                secrets.createSecret(actor, environmentId, new SecretName(m.secretName()), new SecretValue(m.value()),
                        "Moved here from the " + m.optionPath() + " option of " + m.component() + " when '" + name + "' was imported");
            }
            List<Problem> problems = new ArrayList<>(imported.problems());
            for (Problem p : checks.problems(pipeline.environmentId(), pipeline.draft())) {
                // a type this catalog does not know (a newer Vector?) is kept as imported; publishing refuses it
                problems.add(p.structural() && p.optionPath().equals("type")
                        ? Problem.warning(p.component().orElse(null), "type", p.message() + "; kept as imported, publishing needs a known type")
                        : p);
            }
            return new ImportOutcome(Optional.of(pipeline), problems, moved);
        });
    }
}
