package dev.vectorflow.adapter.postgres.pipeline;

import static dev.vectorflow.adapter.postgres.jooq.Tables.PIPELINES;
import static dev.vectorflow.adapter.postgres.jooq.Tables.PIPELINE_VERSIONS;

import dev.vectorflow.adapter.postgres.jooq.tables.records.PipelineVersionsRecord;
import dev.vectorflow.adapter.postgres.jooq.tables.records.PipelinesRecord;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineName;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@link PipelineRepository} on {@code pipelines} and {@code pipeline_versions}; graphs as JSON documents. */
public final class PostgresPipelineRepository implements PipelineRepository {

    private final Supplier<DSLContext> dsl;

    public PostgresPipelineRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static Pipeline toDomain(PipelinesRecord r) {
        return new Pipeline(new PipelineId(r.getId()), new EnvironmentId(r.getEnvironmentId()), new PipelineName(r.getName()),
                r.getDescription(), GraphDocument.read(r.getDraftGraph()), r.getCreatedBy(), r.getCreatedAt().toInstant(), r.getUpdatedBy(),
                r.getUpdatedAt().toInstant());
    }

    private static PipelineVersion toDomain(PipelineVersionsRecord r) {
        return new PipelineVersion(new PipelineId(r.getPipelineId()), r.getNumber(), GraphDocument.read(r.getGraph()), r.getConfigYaml(),
                r.getChecksum(), r.getAuthor(), r.getMessage(), r.getCreatedAt().toInstant(), Optional.ofNullable(r.getRestoredFrom()));
    }

    @Override
    public void insert(Pipeline p) {
        dsl.get().insertInto(PIPELINES)
                .set(PIPELINES.ID, p.id().value()).set(PIPELINES.ENVIRONMENT_ID, p.environmentId().value())
                .set(PIPELINES.NAME, p.name().value()).set(PIPELINES.NAME_KEY, p.name().uniquenessKey())
                .set(PIPELINES.DESCRIPTION, p.description()).set(PIPELINES.DRAFT_GRAPH, GraphDocument.write(p.draft()))
                .set(PIPELINES.CREATED_BY, p.createdBy()).set(PIPELINES.CREATED_AT, utc(p.createdAt()))
                .set(PIPELINES.UPDATED_BY, p.updatedBy()).set(PIPELINES.UPDATED_AT, utc(p.updatedAt()))
                .execute();
    }

    @Override
    public void update(Pipeline p) {
        dsl.get().update(PIPELINES)
                .set(PIPELINES.NAME, p.name().value()).set(PIPELINES.NAME_KEY, p.name().uniquenessKey())
                .set(PIPELINES.DESCRIPTION, p.description()).set(PIPELINES.DRAFT_GRAPH, GraphDocument.write(p.draft()))
                .set(PIPELINES.UPDATED_BY, p.updatedBy()).set(PIPELINES.UPDATED_AT, utc(p.updatedAt()))
                .where(PIPELINES.ID.eq(p.id().value())).execute();
    }

    @Override
    public boolean delete(PipelineId id) {
        return dsl.get().deleteFrom(PIPELINES).where(PIPELINES.ID.eq(id.value())).execute() == 1;
    }

    @Override
    public Optional<Pipeline> findById(PipelineId id) {
        return dsl.get().selectFrom(PIPELINES).where(PIPELINES.ID.eq(id.value())).fetchOptional(PostgresPipelineRepository::toDomain);
    }

    @Override
    public Optional<Pipeline> findByName(EnvironmentId environment, PipelineName name) {
        return dsl.get().selectFrom(PIPELINES)
                .where(PIPELINES.ENVIRONMENT_ID.eq(environment.value()).and(PIPELINES.NAME_KEY.eq(name.uniquenessKey())))
                .fetchOptional(PostgresPipelineRepository::toDomain);
    }

    @Override
    public List<Pipeline> findByEnvironment(EnvironmentId environment) {
        return dsl.get().selectFrom(PIPELINES).where(PIPELINES.ENVIRONMENT_ID.eq(environment.value()))
                .orderBy(PIPELINES.NAME_KEY.collate("C")).fetch(PostgresPipelineRepository::toDomain);
    }

    @Override
    public long countByEnvironment(EnvironmentId environment) {
        return dsl.get().fetchCount(PIPELINES, PIPELINES.ENVIRONMENT_ID.eq(environment.value()));
    }

    @Override
    public void insertVersion(PipelineVersion v) {
        dsl.get().insertInto(PIPELINE_VERSIONS)
                .set(PIPELINE_VERSIONS.PIPELINE_ID, v.pipelineId().value()).set(PIPELINE_VERSIONS.NUMBER, v.number())
                .set(PIPELINE_VERSIONS.GRAPH, GraphDocument.write(v.graph())).set(PIPELINE_VERSIONS.CONFIG_YAML, v.configYaml())
                .set(PIPELINE_VERSIONS.CHECKSUM, v.checksum()).set(PIPELINE_VERSIONS.AUTHOR, v.author())
                .set(PIPELINE_VERSIONS.MESSAGE, v.message()).set(PIPELINE_VERSIONS.CREATED_AT, utc(v.createdAt()))
                .set(PIPELINE_VERSIONS.RESTORED_FROM, v.restoredFrom().orElse(null))
                .execute();
    }

    @Override
    public List<PipelineVersion> versions(PipelineId id) {
        return dsl.get().selectFrom(PIPELINE_VERSIONS).where(PIPELINE_VERSIONS.PIPELINE_ID.eq(id.value()))
                .orderBy(PIPELINE_VERSIONS.NUMBER.desc()).fetch(PostgresPipelineRepository::toDomain);
    }

    @Override
    public Optional<PipelineVersion> version(PipelineId id, int number) {
        return dsl.get().selectFrom(PIPELINE_VERSIONS)
                .where(PIPELINE_VERSIONS.PIPELINE_ID.eq(id.value()).and(PIPELINE_VERSIONS.NUMBER.eq(number)))
                .fetchOptional(PostgresPipelineRepository::toDomain);
    }

    @Override
    public int latestVersionNumber(PipelineId id) {
        Integer max = dsl.get().select(DSL.max(PIPELINE_VERSIONS.NUMBER)).from(PIPELINE_VERSIONS)
                .where(PIPELINE_VERSIONS.PIPELINE_ID.eq(id.value())).fetchOne(0, Integer.class);
        return max == null ? 0 : max;
    }
}
