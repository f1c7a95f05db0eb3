package dev.vectorflow.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.fake.SettableClock;
import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.out.vector.runtime.VectorFailure;
import dev.vectorflow.ports.out.vector.runtime.VectorLaunch;
import dev.vectorflow.ports.out.vector.runtime.VectorLog;
import dev.vectorflow.ports.out.vector.runtime.VectorProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state files on disk, written and read back without any Vector process. */
class PipelineStateStoreTest {

    @TempDir
    Path dataDir;
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-27T12:00:00Z"));
    private final FakeVector vector = new FakeVector();
    private long logOffset = 4096;

    private PipelineStateStore store() {
        return new PipelineStateStore(dataDir, clock);
    }

    private ManagedPipeline pipeline(PipelineStateStore store, String id) throws IOException {
        ManagedPipeline p = new ManagedPipeline(id, store.files(id), 18600, 18601);
        p.files.prepare();
        p.files.writeConfig("sources: a\n");
        p.running = new PipelineConfig(id, "edge", 7, "sum-7", "debug", "sources: a\n", Map.of("token", "never on disk"), List.of());
        p.output = new VectorLog() {
            @Override
            public List<String> newLines() {
                return List.of();
            }

            @Override
            public long offset() {
                return logOffset;
            }
        };
        return p;
    }

    @Test
    void whatWasSaved_isReadBack_withTheRunningConfigPortsPidAndLogOffset() throws IOException, VectorFailure {
        PipelineStateStore store = store();
        ManagedPipeline p = pipeline(store, "p1");
        p.process = vector.launch(new VectorLaunch(p.files.root(), List.of(p.files.config()), p.files.log(), Map.of()));

        store.save(p);
        List<PipelineStateStore.Saved> saved = store().load();

        assertThat(saved).singleElement().satisfies(s -> {
            assertThat(s.files().root()).isEqualTo(p.files.root());
            assertThat(s.running()).isEqualTo(new PipelineConfig("p1", "edge", 7, "sum-7", "debug", "sources: a\n", Map.of(), List.of()));
            assertThat(s.apiPort()).isEqualTo(18600);
            assertThat(s.metricsPort()).isEqualTo(18601);
            assertThat(s.pid()).isEqualTo(p.process.pid());
            assertThat(s.logOffset()).isEqualTo(4096);
        });
        assertThat(Files.readString(p.files.root().resolve("vector.pid")).strip()).isEqualTo(Long.toString(p.process.pid()));
        assertThat(Files.readString(p.files.root().resolve(PipelineFiles.STATE))).doesNotContain("never on disk");
    }

    /** The one pipeline of a state file with these lines after the ones every agent wrote. */
    private PipelineStateStore.Saved loadWrittenByHand(String moreLines) throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve("pipelines/p1"));
        Files.writeString(dir.resolve("pipeline.yaml"), "sources: a\n");
        Files.writeString(dir.resolve(PipelineFiles.STATE), "pipelineId=p1\nversion=3\nchecksum=sum-3\napiPort=18602\nmetricsPort=18603\n" + moreLines);
        return store().load().getFirst();
    }

    @Test
    void aStateFileOfAnOlderAgentWithoutLogOffset_resumesAtTheEndOfTheLog() throws IOException {
        PipelineStateStore.Saved saved = loadWrittenByHand("pid=4242\n");

        assertThat(saved.logOffset()).isEqualTo(VectorProcesses.FROM_END);
        assertThat(saved.pid()).isEqualTo(4242);
        assertThat(saved.running().version()).isEqualTo(3);
        assertThat(saved.running().logLevel()).isNull();
    }

    @Test
    void aDamagedStateFile_isPassedOver_andTheOtherPipelinesStillLoad() throws IOException {
        Path damaged = Files.createDirectories(dataDir.resolve("pipelines/p0"));
        Files.writeString(damaged.resolve("pipeline.yaml"), "sources: a\n");
        Files.writeString(damaged.resolve(PipelineFiles.STATE), "pipelineId=p0\nversion=three\napiPort=x\n");

        PipelineStateStore.Saved saved = loadWrittenByHand("pid=4242\n");

        assertThat(store().load()).extracting(PipelineStateStore.Saved::running).extracting(PipelineConfig::pipelineId).containsExactly("p1");
        assertThat(saved.running().pipelineId()).isEqualTo("p1");
    }

    @Test
    void aStateFileWithoutPid_orWithAnUnreadableLogOffset_loadsWithNeither() throws IOException {
        PipelineStateStore.Saved saved = loadWrittenByHand("logOffset=lots\n");

        assertThat(saved.pid()).isEqualTo(-1);
        assertThat(saved.logOffset()).isEqualTo(VectorProcesses.FROM_END);
    }

    @Test
    void directoriesWithoutStateOrConfig_orWithANameNoPipelineHas_arePassedOver() throws IOException {
        PipelineStateStore store = store();
        store.save(pipeline(store, "p2"));
        Files.createDirectories(dataDir.resolve("pipelines/no-state"));
        Files.writeString(dataDir.resolve("pipelines/no-state/pipeline.yaml"), "sources: a\n");
        ManagedPipeline noConfig = pipeline(store, "no-config");
        store.save(noConfig);
        Files.delete(noConfig.files.config());
        Files.createDirectories(dataDir.resolve("pipelines/.hidden"));
        Files.writeString(dataDir.resolve("pipelines/stray-file"), "x");

        assertThat(store().load()).extracting(s -> s.running().pipelineId()).containsExactly("p2");
    }

    @Test
    void noPipelinesDirectory_loadsNothing() {
        assertThat(store().load()).isEmpty();
    }

    @Test
    void theLogOffset_isSavedWhenItMoved_atMostEveryTenSeconds() throws IOException {
        PipelineStateStore store = store();
        ManagedPipeline p = pipeline(store, "p1");
        store.save(p);
        Path state = p.files.root().resolve(PipelineFiles.STATE);

        logOffset = 5000;
        clock.advance(Duration.ofSeconds(9));
        store.saveLogOffsetWhenDue(p, clock.instant());
        assertThat(Files.readString(state)).contains("logOffset=4096");

        clock.advance(Duration.ofSeconds(1));
        store.saveLogOffsetWhenDue(p, clock.instant());
        assertThat(Files.readString(state)).contains("logOffset=5000");
    }

    @Test
    void atStop_theLogOffsetIsSavedOnlyWhenItMoved() throws IOException {
        PipelineStateStore store = store();
        ManagedPipeline p = pipeline(store, "p1");
        store.save(p);
        Path state = p.files.root().resolve(PipelineFiles.STATE);
        Files.writeString(state, "untouched");

        store.saveLogOffset(p);
        assertThat(Files.readString(state)).isEqualTo("untouched");

        logOffset = 6000;
        store.saveLogOffset(p);
        assertThat(Files.readString(state)).contains("logOffset=6000");
    }
}
