package dev.vectorflow.agent.pipeline;

import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.out.vector.runtime.VectorProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Each pipeline's {@code agent-state.properties}: what runs, on which ports, under which pid and how far its log was
 * read. Written after every change, read by the next agent to adopt what still runs.
 */
final class PipelineStateStore {

    private static final System.Logger LOG = System.getLogger("vectorflow.agent");
    private static final Duration LOG_OFFSET_EVERY = Duration.ofSeconds(10);

    private final Path pipelinesRoot;
    private final Clock clock;

    PipelineStateStore(Path dataDirectory, Clock clock) {
        this.pipelinesRoot = dataDirectory.resolve("pipelines");
        this.clock = clock;
    }

    /** The files of one pipeline; an id that cannot be a directory name is refused. */
    PipelineFiles files(String pipelineId) {
        return new PipelineFiles(pipelinesRoot, pipelineId);
    }

    /** The pipelines an earlier agent left (a state file and a config), by id; anything else on disk is passed over. */
    List<Saved> load() {
        if (!Files.isDirectory(pipelinesRoot)) {
            return List.of();
        }
        List<Path> dirs;
        try (Stream<Path> list = Files.list(pipelinesRoot)) {
            dirs = list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot list " + pipelinesRoot + ": " + e.getMessage());
            return List.of();
        }
        List<Saved> saved = new ArrayList<>();
        for (Path dir : dirs) {
            String id = dir.getFileName().toString();
            PipelineFiles files;
            try {
                files = files(id);
            } catch (IllegalArgumentException e) {
                continue;
            }
            Optional<Properties> state = files.readState();
            Optional<String> yaml = files.readConfig();
            if (state.isEmpty() || yaml.isEmpty()) {
                continue;
            }
            Properties s = state.get();
            try {
                PipelineConfig running = new PipelineConfig(id, s.getProperty("pipelineName"), Integer.parseInt(s.getProperty("version", "0").strip()),
                        s.getProperty("checksum"), s.getProperty("logLevel"), yaml.get(), Map.of(), List.of());
                saved.add(new Saved(files, running, Integer.parseInt(s.getProperty("apiPort", "0").strip()),
                        Integer.parseInt(s.getProperty("metricsPort", "0").strip()), parseLong(s.getProperty("pid"), -1),
                        parseLong(s.getProperty("logOffset"), VectorProcesses.FROM_END)));
            } catch (IllegalArgumentException e) {
                // a damaged state file costs this pipeline its adoption, never the agent its start: the server deploys it again
                LOG.log(System.Logger.Level.WARNING, "cannot read " + dir.resolve(PipelineFiles.STATE) + " (" + e.getMessage()
                        + "); its Vector is not adopted, the server's next deploy starts the pipeline again");
            }
        }
        return saved;
    }

    void save(ManagedPipeline p) {
        Properties s = new Properties();
        s.setProperty("pipelineId", p.id);
        if (p.running != null) {
            if (p.running.pipelineName() != null) {
                s.setProperty("pipelineName", p.running.pipelineName());
            }
            s.setProperty("version", Integer.toString(p.running.version()));
            s.setProperty("checksum", p.running.checksum());
            if (p.running.logLevel() != null) {
                s.setProperty("logLevel", p.running.logLevel());
            }
        }
        s.setProperty("apiPort", Integer.toString(p.apiPort));
        s.setProperty("metricsPort", Integer.toString(p.metricsPort));
        if (p.process != null) {
            s.setProperty("pid", Long.toString(p.process.pid()));
        }
        long logOffset = p.output.offset();
        s.setProperty("logOffset", Long.toString(logOffset));
        try {
            p.files.writeState(s);
            p.savedLogOffset = logOffset;
            p.logOffsetSavedAt = clock.instant();
        } catch (IOException e) {
            p.log("[vectorflow-agent] cannot write " + PipelineFiles.STATE + ": " + e.getMessage() + " (an agent restart will not adopt this Vector)");
        }
    }

    /** Keeps the saved log offset close to what was read (at most every 10 s), so that the next agent resumes there. */
    void saveLogOffsetWhenDue(ManagedPipeline p, Instant now) {
        if (logOffsetMoved(p) && Duration.between(p.logOffsetSavedAt, now).compareTo(LOG_OFFSET_EVERY) >= 0) {
            save(p);
        }
    }

    /** Saves where the log was read to, when that moved since the last save: the next agent neither loses nor repeats lines. */
    void saveLogOffset(ManagedPipeline p) {
        if (logOffsetMoved(p)) {
            save(p);
        }
    }

    private static boolean logOffsetMoved(ManagedPipeline p) {
        return p.running != null && p.output.offset() != p.savedLogOffset;
    }

    private static long parseLong(String text, long otherwise) {
        try {
            return text == null ? otherwise : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /**
     * One pipeline as an earlier agent left it: its running config (secrets and certificates come with the server's
     * next copy), ports, Vector's pid (-1 when none was saved) and the log offset to resume from ({@link
     * VectorProcesses#FROM_END} when none was saved, as in state files of older agents).
     */
    record Saved(PipelineFiles files, PipelineConfig running, int apiPort, int metricsPort, long pid, long logOffset) {
    }
}
