package dev.vectorflow.ports.service.pipeline;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.InvalidGraphFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.pipeline.ConfigRenderer;
import dev.vectorflow.core.pipeline.EnvironmentVariables;
import dev.vectorflow.core.pipeline.GraphImporter;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineName;
import dev.vectorflow.core.pipeline.PipelineValidator;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.core.pipeline.References;
import dev.vectorflow.core.pipeline.catalog.Catalog;
import dev.vectorflow.core.pipeline.diff.GraphDiff;
import dev.vectorflow.core.pipeline.diff.TextDiff;
import dev.vectorflow.core.secret.SecretName;
import dev.vectorflow.core.secret.SecretValue;
import dev.vectorflow.ports.in.pipeline.ManagePipelinesUseCase;
import dev.vectorflow.ports.in.pipeline.PipelineQueries;
import dev.vectorflow.ports.in.pipeline.PublishPipelineUseCase;
import dev.vectorflow.ports.in.secret.ManageSecretsUseCase;
import dev.vectorflow.ports.in.secret.ResolveSecretsUseCase;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.out.vector.CatalogSource;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import dev.vectorflow.ports.out.vector.VectorConfigCheck;
import dev.vectorflow.ports.out.vector.VectorConfigCodec;
import dev.vectorflow.ports.service.UniqueNames;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Pipelines: drafts, validation against the catalog, rendering, import, publishing, versions, diffs and rollback. */
public final class PipelineService implements ManagePipelinesUseCase, PublishPipelineUseCase, PipelineQueries {

    private final Transactions transactions;
    private final PipelineRepository pipelines;
    private final EnvironmentRepository environments;
    private final AuditLog audit;
    private final CatalogSource catalogSource;
    private final VectorConfigCodec codec;
    private final ManageSecretsUseCase secrets;
    private final ResolveSecretsUseCase resolver;
    private final IdGenerator ids;
    private final Clock clock;
    private final VectorConfigCheck vectorCheck;
    private final FleetChanges fleet;
    private final ConfigRenderer renderer;
    private final PipelineValidator validator;

    public PipelineService(Transactions transactions, PipelineRepository pipelines, EnvironmentRepository environments, AuditLog audit,
                           CatalogSource catalogSource, VectorConfigCodec codec, ManageSecretsUseCase secrets, ResolveSecretsUseCase resolver,
                           IdGenerator ids, Clock clock, VectorConfigCheck vectorCheck, FleetChanges fleet) {
        this.fleet = fleet;
        this.vectorCheck = vectorCheck;
        this.validator = new PipelineValidator(catalogSource.catalog());
        this.renderer = new ConfigRenderer(catalogSource.catalog());
        this.transactions = transactions;
        this.pipelines = pipelines;
        this.environments = environments;
        this.audit = audit;
        this.catalogSource = catalogSource;
        this.codec = codec;
        this.secrets = secrets;
        this.resolver = resolver;
        this.ids = ids;
        this.clock = clock;
    }

    private Environment environment(EnvironmentId id) throws NotFoundFailure {
        return environments.findById(id).orElseThrow(() -> new NotFoundFailure("Environment", id));
    }

    private Pipeline existing(PipelineId id) throws NotFoundFailure {
        return pipelines.findById(id).orElseThrow(() -> new NotFoundFailure("Pipeline", id));
    }

    private static ConflictFailure nameTaken(PipelineName name) {
        return ConflictFailure.onField("name", "A pipeline named '" + name + "' exists already in this environment");
    }

    private void audit(Actor actor, String action, Pipeline p, Changes changes) throws NotFoundFailure {
        fleet.environmentChanged(p.environmentId());
        audit.append(new AuditEvent(actor, action, "pipeline", p.id().toString(),
                Optional.of(environment(p.environmentId()).teamId().toString()), changes));
    }

    @Override
    public Pipeline createPipeline(Actor actor, EnvironmentId environmentId, PipelineName name, String description, PipelineGraph draft)
            throws NotFoundFailure, ConflictFailure, InvalidGraphFailure {
        requireStorable(draft);
        return UniqueNames.claimWithin(transactions, () -> nameTaken(name), () -> insert(actor, environmentId, name, description, draft));
    }

    private Pipeline insert(Actor actor, EnvironmentId environmentId, PipelineName name, String description, PipelineGraph draft)
            throws NotFoundFailure, ConflictFailure {
        environment(environmentId);
        if (pipelines.findByName(environmentId, name).isPresent()) {
            throw nameTaken(name);
        }
        Instant now = clock.instant();
        Pipeline pipeline = new Pipeline(new PipelineId(ids.newId()), environmentId, name, description, draft, actor.label(), now,
                actor.label(), now);
        pipelines.insert(pipeline);
        audit(actor, "pipeline.create", pipeline, Changes.none().field("environment", null, environmentId).field("name", null, name)
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
            audit(actor, "pipeline.update", changed, Changes.none().field("name", current.name(), changed.name())
                    .field("description", current.description(), changed.description()));
            return changed;
        });
    }

    @Override
    public Pipeline saveDraft(Actor actor, PipelineId id, PipelineGraph draft) throws NotFoundFailure, InvalidGraphFailure {
        requireStorable(draft);
        return transactions.inTransaction(() -> {
            Pipeline current = existing(id);
            Pipeline changed = current.withDraft(draft, actor.label(), clock.instant());
            pipelines.update(changed);
            audit(actor, "pipeline.save_draft", changed, Changes.none().field("components", current.draft().components().size(),
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
            audit(actor, "pipeline.reset_draft", changed, Changes.none().field("toVersion", null, version));
            return changed;
        });
    }

    @Override
    public void deletePipeline(Actor actor, PipelineId id) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            Pipeline current = existing(id);
            audit(actor, "pipeline.delete", current, Changes.none().field("name", current.name(), null));
            pipelines.delete(id);
            return null;
        });
    }

    @Override
    public ImportOutcome importPipeline(Actor actor, EnvironmentId environmentId, PipelineName name, String text, Optional<ConfigFormat> format)
            throws NotFoundFailure, ConflictFailure {
        Map<String, Object> tree = codec.read(text, format);
        GraphImporter.ImportResult imported = new GraphImporter(catalog()).importConfig(tree);
        List<MovedSecret> moved = imported.movedSecrets().stream()
                .map(m -> new MovedSecret(m.component().value(), m.optionPath(), m.secretName())).toList();
        List<Problem> structural = validator.validate(imported.graph()).stream()
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
            for (Problem p : validate(pipeline.environmentId(), pipeline.draft())) {
                // a type this catalog does not know (a newer Vector?) is kept as imported; publishing refuses it
                problems.add(p.structural() && p.optionPath().equals("type")
                        ? Problem.warning(p.component().orElse(null), "type", p.message() + "; kept as imported, publishing needs a known type")
                        : p);
            }
            return new ImportOutcome(Optional.of(pipeline), problems, moved);
        });
    }

    @Override
    public PublishResult publish(Actor actor, PipelineId id, String message) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Pipeline current = existing(id);
            return store(actor, current, current.draft(), message, Optional.empty());
        });
    }

    @Override
    public PublishResult rollback(Actor actor, PipelineId id, int number, String message) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Pipeline current = existing(id);
            PipelineVersion old = pipelines.version(id, number).orElseThrow(() -> new NotFoundFailure("Version", number));
            String why = message == null || message.isBlank() ? "Rollback to version " + number : message;
            PublishResult result = store(actor, current, old.graph(), why, Optional.of(number));
            if (result instanceof Published) {
                pipelines.update(current.withDraft(old.graph(), actor.label(), clock.instant()));
            }
            return result;
        });
    }

    private PublishResult store(Actor actor, Pipeline pipeline, PipelineGraph graph, String message, Optional<Integer> restoredFrom)
            throws NotFoundFailure {
        List<Problem> problems = validate(pipeline.environmentId(), graph);
        if (problems.stream().anyMatch(Problem::isError)) {
            return new Refused(problems);
        }
        String yaml = render(graph, ConfigFormat.YAML);
        Set<String> variables = EnvironmentVariables.of(graph);
        // the server does not know the values of the nodes' environment variables, so Vector cannot read this file here
        Optional<VectorConfigCheck.Verdict> verdict = variables.isEmpty() ? vectorCheck.check(yaml) : Optional.empty();
        if (verdict.isPresent() && verdict.get().valid() && graph.globalOptions().get(ConfigRenderer.TESTS) instanceof List<?> tests
                && !tests.isEmpty()) {
            Optional<VectorConfigCheck.Verdict> tested = vectorCheck.test(yaml);
            if (tested.isPresent()) {
                List<Problem> both = new ArrayList<>(verdict.get().problems());
                both.addAll(tested.get().problems());
                verdict = Optional.of(new VectorConfigCheck.Verdict(tested.get().valid(), both, verdict.get().vectorVersion()));
            }
        }
        if (verdict.isPresent() && !verdict.get().valid()) {
            List<Problem> all = new ArrayList<>(problems);
            all.addAll(verdict.get().problems());
            return new Refused(all);
        }
        List<Problem> warnings = new ArrayList<>(problems);
        verdict.ifPresent(v -> warnings.addAll(v.problems()));
        if (verdict.isEmpty()) {
            warnings.add(Problem.warning(null, "", variables.isEmpty()
                    ? "Vector itself did not check this version (no vector binary on the server); VectorFlow's own validation passed"
                    : "Vector itself did not check this version: it needs the environment variables " + String.join(", ", variables)
                    + " of the nodes, which only they know; VectorFlow's own validation passed"));
        }
        int number = pipelines.latestVersionNumber(pipeline.id()) + 1;
        PipelineVersion version = new PipelineVersion(pipeline.id(), number, graph, yaml, PipelineVersion.checksumOf(yaml), actor.label(),
                message, clock.instant(), restoredFrom);
        pipelines.insertVersion(version);
        audit(actor, restoredFrom.isPresent() ? "pipeline.rollback" : "pipeline.publish", pipeline, Changes.none()
                .field("version", null, number).field("checksum", null, version.checksum()).field("restoredFrom", null, restoredFrom.orElse(null)));
        return new Published(version, warnings, verdict.isPresent());
    }

    /** Refuses graphs that are broken beyond a draft: duplicate keys, unknown types, edges to nothing, cycles. */
    private void requireStorable(PipelineGraph graph) throws InvalidGraphFailure {
        List<Problem> problems = validator.validate(graph);
        if (problems.stream().anyMatch(Problem::structural)) {
            throw new InvalidGraphFailure("The graph is broken beyond a draft; nothing was stored.", problems);
        }
    }

    /** Catalog problems plus references to secrets and certificates the environment does not have. */
    private List<Problem> validate(EnvironmentId environment, PipelineGraph graph) {
        List<Problem> problems = new ArrayList<>(validator.validate(graph));
        References references = References.of(graph);
        for (SecretName missing : resolver.missingSecrets(environment, references.secrets())) {
            problems.add(Problem.error(null, "", "SECRET[" + missing + "] is referenced but the environment has no secret of that name"));
        }
        for (SecretName missing : resolver.missingCertificates(environment, references.certificates())) {
            problems.add(Problem.error(null, "", "CERT[" + missing + "] is referenced but the environment has no certificate of that name"));
        }
        return problems;
    }

    @Override
    public List<Pipeline> pipelinesOf(EnvironmentId environment) {
        return transactions.inTransaction(() -> pipelines.findByEnvironment(environment));
    }

    @Override
    public Pipeline pipeline(PipelineId id) throws NotFoundFailure {
        return transactions.inTransaction(() -> existing(id));
    }

    @Override
    public Optional<EnvironmentId> owningEnvironment(PipelineId id) {
        return transactions.inTransaction(() -> pipelines.findById(id).map(Pipeline::environmentId));
    }

    @Override
    public List<Problem> validateDraft(PipelineId id) throws NotFoundFailure {
        Pipeline pipeline = pipeline(id);
        return validate(pipeline.environmentId(), pipeline.draft());
    }

    @Override
    public String renderDraft(PipelineId id, ConfigFormat format) throws NotFoundFailure {
        return render(pipeline(id).draft(), format);
    }

    /** The graph as a file; YAML and TOML start with a comment naming the environment variables it needs, if any. */
    private String render(PipelineGraph graph, ConfigFormat format) {
        return EnvironmentVariables.withHeader(graph, codec.write(renderer.render(graph), format), format != ConfigFormat.JSON);
    }

    @Override
    public List<PipelineVersion> versions(PipelineId id) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            existing(id);
            return pipelines.versions(id);
        });
    }

    @Override
    public PipelineVersion version(PipelineId id, int number) throws NotFoundFailure {
        return transactions.inTransaction(() -> pipelines.version(id, number).orElseThrow(() -> new NotFoundFailure("Version", number)));
    }

    @Override
    public VersionDiff diff(PipelineId id, int from, int to) throws NotFoundFailure {
        PipelineVersion a = version(id, from);
        PipelineVersion b = version(id, to);
        return new VersionDiff(from, to, GraphDiff.between(a.graph(), b.graph()),
                TextDiff.between("version " + from, a.configYaml(), "version " + to, b.configYaml()).unified());
    }

    @Override
    public Catalog catalog() {
        return catalogSource.catalog();
    }

}
