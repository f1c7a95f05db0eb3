package dev.vectorflow.ports.service.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.InvalidGraphFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.pipeline.Edge;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineComponent;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineName;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.ports.fake.FleetFakes;
import dev.vectorflow.ports.fake.InMemoryAuditLog;
import dev.vectorflow.ports.fake.InMemoryEnvironmentRepository;
import dev.vectorflow.ports.fake.InMemoryPipelineRepository;
import dev.vectorflow.ports.fake.InMemoryTransactions;
import dev.vectorflow.ports.fake.NoSecrets;
import dev.vectorflow.ports.fake.PlainConfigCodec;
import dev.vectorflow.ports.fake.RecordingFleetChanges;
import dev.vectorflow.ports.fake.ScriptedVectorCheck;
import dev.vectorflow.ports.fake.SequentialIdGenerator;
import dev.vectorflow.ports.fake.SettableClock;
import dev.vectorflow.ports.fake.TinyCatalog;
import dev.vectorflow.ports.in.pipeline.PublishPipelineUseCase.PublishResult;
import dev.vectorflow.ports.in.pipeline.PublishPipelineUseCase.Published;
import dev.vectorflow.ports.in.pipeline.PublishPipelineUseCase.Refused;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pipeline services on in-memory fakes: drafts, publishing (Vector outside the unit of work, racing numbers), rollback. */
class PipelineServicesTest {

    private final SettableClock clock = new SettableClock(FleetFakes.T0);
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEnvironmentRepository environments = transactions.register(new InMemoryEnvironmentRepository());
    private final InMemoryAuditLog auditLog = transactions.register(new InMemoryAuditLog(clock));
    private final InMemoryPipelineRepository stored = transactions.register(new InMemoryPipelineRepository());
    private final RacingPipelines pipelines = new RacingPipelines(stored);
    private final RecordingFleetChanges fleet = new RecordingFleetChanges();
    private final ScriptedVectorCheck vector = new ScriptedVectorCheck(transactions::open);
    private final PipelineAudit audit = new PipelineAudit(auditLog, environments);
    private final PipelineChecks checks = new PipelineChecks(new TinyCatalog(), new PlainConfigCodec(), new NoSecrets(), vector);
    private final ManagePipelinesService manage = new ManagePipelinesService(transactions, pipelines, audit, checks, null,
            new SequentialIdGenerator(), clock, fleet);
    private final PublishPipelineService publish = new PublishPipelineService(transactions, pipelines, audit, checks, clock);
    private final PipelineQueryService queries = new PipelineQueryService(transactions, pipelines, checks);
    private final EnvironmentId environment = new EnvironmentId(UUID.randomUUID());

    {
        transactions.inTransaction(() -> {
            environments.insert(Environment.create(environment, new TeamId(UUID.randomUUID()), new EnvironmentName("prod"), "", FleetFakes.T0));
            return null;
        });
    }

    private static PipelineGraph graph(String format) {
        return PipelineGraph.of(List.of(PipelineComponent.of("in", ComponentKind.SOURCE, "demo_logs", Map.of("format", format)),
                PipelineComponent.of("out", ComponentKind.SINK, "blackhole", Map.of())), List.of(Edge.of("in", "out")));
    }

    private Pipeline created(String name) throws Exception {
        return manage.createPipeline(Actor.commandLine(), environment, new PipelineName(name), "", graph("json"));
    }

    private static PipelineVersion published(PublishResult result) {
        assertThat(result).isInstanceOf(Published.class);
        return ((Published) result).version();
    }

    /**
     * The repository as a publish sees it when another publish committed between its read of the last number and its insert:
     * the first read of the last number is one behind.
     */
    private static final class RacingPipelines implements PipelineRepository {
        private final InMemoryPipelineRepository delegate;
        private boolean behind;

        RacingPipelines(InMemoryPipelineRepository delegate) {
            this.delegate = delegate;
        }

        void anotherPublishJustCommitted() {
            behind = true;
        }

        @Override
        public int latestVersionNumber(PipelineId id) {
            int latest = delegate.latestVersionNumber(id);
            if (behind) {
                behind = false;
                return latest - 1;
            }
            return latest;
        }

        // everything else as stored
        @Override public void insert(Pipeline pipeline) { delegate.insert(pipeline); }
        @Override public void update(Pipeline pipeline) { delegate.update(pipeline); }
        @Override public boolean delete(PipelineId id) { return delegate.delete(id); }
        @Override public Optional<Pipeline> findById(PipelineId id) { return delegate.findById(id); }
        @Override public Optional<Pipeline> findByName(EnvironmentId env, PipelineName name) { return delegate.findByName(env, name); }
        @Override public List<Pipeline> findByEnvironment(EnvironmentId env) { return delegate.findByEnvironment(env); }
        @Override public long countByEnvironment(EnvironmentId env) { return delegate.countByEnvironment(env); }
        @Override public void insertVersion(PipelineVersion version) { delegate.insertVersion(version); }
        @Override public List<PipelineVersion> versions(PipelineId id) { return delegate.versions(id); }
        @Override public Optional<PipelineVersion> version(PipelineId id, int number) { return delegate.version(id, number); }
    }

    @Test
    void givenAnotherPublishTookTheNextNumber_thePublishTakesTheOneAfter_insteadOfFailing() throws Exception {
        Pipeline pipeline = created("logs");
        published(publish.publish(Actor.commandLine(), pipeline.id(), "one"));
        published(publish.publish(Actor.commandLine(), pipeline.id(), "two"));

        pipelines.anotherPublishJustCommitted();
        PipelineVersion third = published(publish.publish(Actor.commandLine(), pipeline.id(), "three"));

        assertThat(third.number()).isEqualTo(3);
        assertThat(queries.versions(pipeline.id())).extracting(PipelineVersion::number).containsExactly(3, 2, 1);
        assertThat(auditLog.all()).filteredOn(e -> e.action().equals("pipeline.publish")).hasSize(3);
    }

    @Test
    void vectorChecksAVersion_beforeAnyUnitOfWorkOpens() throws Exception {
        vector.valid();
        Pipeline pipeline = created("logs");

        Published result = (Published) publish.publish(Actor.commandLine(), pipeline.id(), "checked");

        assertThat(vector.askedInUnitOfWork()).containsExactly(false);
        assertThat(result.checkedByVector()).isTrue();
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void givenVectorRefusesTheConfig_nothingIsPublished_andItsErrorsAreTheAnswer() throws Exception {
        vector.refuses("unknown function parse_jsn");
        Pipeline pipeline = created("logs");

        PublishResult result = publish.publish(Actor.commandLine(), pipeline.id(), "broken");

        assertThat(result).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.problems()).extracting(p -> p.message()).containsExactly("unknown function parse_jsn"));
        assertThat(queries.versions(pipeline.id())).isEmpty();
    }

    @Test
    void withoutAVectorBinary_theVersionIsPublished_withAWarningThatVectorDidNotCheckIt() throws Exception {
        Pipeline pipeline = created("logs");

        Published result = (Published) publish.publish(Actor.commandLine(), pipeline.id(), "unchecked");

        assertThat(result.checkedByVector()).isFalse();
        assertThat(result.warnings()).singleElement().satisfies(w -> assertThat(w.message()).startsWith("Vector itself did not check"));
        assertThat(result.version().checksum()).isEqualTo(PipelineVersion.checksumOf(result.version().configYaml()));
    }

    @Test
    void aRollback_publishesTheOldGraphAsANewVersion_andMakesItTheDraft() throws Exception {
        Pipeline pipeline = created("logs");
        published(publish.publish(Actor.commandLine(), pipeline.id(), "json"));
        manage.saveDraft(Actor.commandLine(), pipeline.id(), graph("logfmt"));
        published(publish.publish(Actor.commandLine(), pipeline.id(), "logfmt"));

        PipelineVersion restored = published(publish.rollback(Actor.commandLine(), pipeline.id(), 1, ""));

        assertThat(restored.number()).isEqualTo(3);
        assertThat(restored.restoredFrom()).contains(1);
        assertThat(restored.message()).isEqualTo("Rollback to version 1");
        assertThat(restored.graph()).isEqualTo(graph("json"));
        assertThat(queries.pipeline(pipeline.id()).draft()).isEqualTo(graph("json"));
        assertThatThrownBy(() -> publish.rollback(Actor.commandLine(), pipeline.id(), 9, "")).isInstanceOf(NotFoundFailure.class);
    }

    @Test
    void onlyChangesOfWhichPipelinesAnEnvironmentHas_tellTheFleet() throws Exception {
        Pipeline pipeline = created("logs");
        manage.saveDraft(Actor.commandLine(), pipeline.id(), graph("logfmt"));
        publish.publish(Actor.commandLine(), pipeline.id(), "v1");
        manage.updatePipeline(Actor.commandLine(), pipeline.id(), Optional.of(new PipelineName("app-logs")), Optional.empty());
        manage.deletePipeline(Actor.commandLine(), pipeline.id());

        assertThat(fleet.notices()).as("create, rename, delete").containsExactly(environment, environment, environment);
    }

    @Test
    void aNameTakenInTheEnvironment_isAConflict_andABrokenGraphStoresNothing() throws Exception {
        created("logs");
        PipelineGraph cycle = PipelineGraph.of(List.of(PipelineComponent.of("a", ComponentKind.TRANSFORM, "remap", Map.of()),
                PipelineComponent.of("b", ComponentKind.TRANSFORM, "remap", Map.of())), List.of(Edge.of("a", "b"), Edge.of("b", "a")));

        assertThatThrownBy(() -> created("LOGS")).isInstanceOf(ConflictFailure.class);
        assertThatThrownBy(() -> manage.createPipeline(Actor.commandLine(), environment, new PipelineName("loop"), "", cycle))
                .isInstanceOf(InvalidGraphFailure.class);
        assertThat(queries.pipelinesOf(environment)).extracting(p -> p.name().value()).containsExactly("logs");
    }

    @Test
    void aDraftsProblems_andItsRenderedFile_comeFromTheCatalog() throws Exception {
        Pipeline pipeline = manage.createPipeline(Actor.commandLine(), environment, new PipelineName("unfinished"), "",
                PipelineGraph.of(List.of(PipelineComponent.of("in", ComponentKind.SOURCE, "demo_logs", Map.of())), List.of()));

        assertThat(queries.validateDraft(pipeline.id())).anySatisfy(p -> assertThat(p.isError()).isTrue());
        assertThat(publish.publish(Actor.commandLine(), pipeline.id(), "")).isInstanceOf(Refused.class);
        assertThat(vector.askedInUnitOfWork()).as("Vector is not asked about a graph VectorFlow refuses").isEmpty();
    }
}
