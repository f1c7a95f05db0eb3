package dev.vectorflow.ports.service.pipeline;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.core.pipeline.catalog.Catalog;
import dev.vectorflow.core.pipeline.diff.GraphDiff;
import dev.vectorflow.core.pipeline.diff.TextDiff;
import dev.vectorflow.ports.in.pipeline.PipelineQueries;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.util.List;
import java.util.Optional;

/** Answers the pipeline queries: lists, drafts with their problems and rendered files, versions and their diffs, the catalog. */
public final class PipelineQueryService implements PipelineQueries {

    private final Transactions transactions;
    private final PipelineRepository pipelines;
    private final PipelineChecks checks;

    public PipelineQueryService(Transactions transactions, PipelineRepository pipelines, PipelineChecks checks) {
        this.transactions = transactions;
        this.pipelines = pipelines;
        this.checks = checks;
    }

    private Pipeline existing(PipelineId id) throws NotFoundFailure {
        return pipelines.findById(id).orElseThrow(() -> new NotFoundFailure("Pipeline", id));
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
        return checks.problems(pipeline.environmentId(), pipeline.draft());
    }

    @Override
    public String renderDraft(PipelineId id, ConfigFormat format) throws NotFoundFailure {
        return checks.render(pipeline(id).draft(), format);
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
        return checks.catalog();
    }
}
