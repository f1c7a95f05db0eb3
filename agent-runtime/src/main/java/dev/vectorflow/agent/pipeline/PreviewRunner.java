package dev.vectorflow.agent.pipeline;

import dev.vectorflow.ports.out.vector.runtime.VectorConfigRules;
import dev.vectorflow.ports.out.vector.runtime.VectorProcesses;
import dev.vectorflow.ports.protocol.CertFile;
import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.protocol.PreviewJob;
import dev.vectorflow.ports.protocol.PreviewResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs a preview on this node: each of the two configs once, as a throwaway Vector (same binary as the pipelines) on a
 * config whose sources are one {@code stdin} source fed the sample events and whose sinks are local files, in a
 * temporary directory of its own that is deleted afterwards, with a time limit and caps on what it reads back. Secrets
 * reach Vector the way they do for pipelines: the {@code exec} backend asks this agent, which holds them in memory for
 * the length of the run.
 */
public final class PreviewRunner {

    /** Events read back per sink and run. */
    public static final int MAX_EVENTS_PER_SINK = 100;
    /** Bytes read back per sink and run. */
    public static final int MAX_BYTES_PER_SINK = 256 * 1024;
    /** Characters of Vector's output sent with a run. */
    public static final int MAX_LOG = 8 * 1024;
    /** Sinks reported per run. */
    public static final int MAX_SINKS = 100;

    private final VectorProcesses vector;
    private final VectorConfigRules rules;
    private final SecretVault vault;
    private final Path workDirectory;
    private final List<String> secretCommand;
    private final Duration timeout;

    public PreviewRunner(VectorProcesses vector, VectorConfigRules rules, SecretVault vault, Path workDirectory, List<String> secretCommand,
                         Duration timeout) {
        this.vector = vector;
        this.rules = rules;
        this.vault = vault;
        this.workDirectory = workDirectory;
        this.secretCommand = List.copyOf(secretCommand);
        this.timeout = timeout;
    }

    /** Both runs of the job; never throws (a run that could not happen says why in its {@code error}). */
    public PreviewResult run(PreviewJob job) {
        byte[] input = (job.eventsNdjson() == null ? "" : job.eventsNdjson()).getBytes(StandardCharsets.UTF_8);
        return new PreviewResult(job.requestId(), runOne(job.requestId(), "baseline", job.baseline(), input),
                runOne(job.requestId(), "draft", job.draft(), input));
    }

    private PreviewResult.Run runOne(String requestId, String name, PipelineConfig config, byte[] input) {
        if (config == null || config.configYaml() == null) {
            return new PreviewResult.Run("the server sent no " + name + " config", List.of(), "");
        }
        String vaultKey = "preview-" + requestId + "-" + name;
        Path dir = null;
        try {
            Files.createDirectories(workDirectory);
            dir = Files.createTempDirectory(workDirectory, "preview-");
            writeCertFiles(dir, config.certFiles());
            Path data = Files.createDirectories(dir.resolve("data"));
            Map<String, Path> outputs = new LinkedHashMap<>();
            Path outDir = dir;
            List<String> command = new ArrayList<>(secretCommand);
            if (!command.isEmpty()) {
                command.add("--pipeline");
                command.add(vaultKey);
            }
            VectorConfigRules.PreviewConfig preview = rules.previewConfig(config.configYaml(), data.toString(), id -> {
                Path file = outDir.resolve("sink-" + outputs.size() + ".json");
                outputs.put(id, file);
                return file.toString();
            }, command);
            Path file = Files.writeString(dir.resolve("preview.yaml"), preview.yaml());
            vault.put(vaultKey, config.secrets());
            String level = config.logLevel() == null || config.logLevel().isBlank() ? "info" : config.logLevel();
            VectorProcesses.BatchRun run = vector.runBatch(List.of(file), dir, input, Map.of("VECTOR_LOG", level), timeout);
            List<PreviewResult.SinkOutput> sinks = new ArrayList<>();
            for (String sinkId : preview.sinkIds().stream().limit(MAX_SINKS).toList()) {
                sinks.add(read(sinkId, outputs.get(sinkId)));
            }
            String error = !run.finished() ? "Vector did not finish within " + timeout.toSeconds() + " s (stopped)"
                    : run.exitCode() != 0 ? "Vector exited with code " + run.exitCode() + lastError(run.output()) : null;
            return new PreviewResult.Run(error, sinks, tail(run.output()));
        } catch (IllegalArgumentException | IOException e) {
            return new PreviewResult.Run("the preview could not run: " + e.getMessage(), List.of(), "");
        } finally {
            vault.remove(vaultKey);
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    /** A sink's file: at most {@link #MAX_EVENTS_PER_SINK} lines and {@link #MAX_BYTES_PER_SINK} bytes, whole lines only. */
    static PreviewResult.SinkOutput read(String sinkId, Path file) throws IOException {
        if (file == null || !Files.exists(file)) {
            return new PreviewResult.SinkOutput(sinkId, "", false);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES_PER_SINK + 1);
        }
        boolean cut = bytes.length > MAX_BYTES_PER_SINK;
        List<String> lines = new String(bytes, 0, Math.min(bytes.length, MAX_BYTES_PER_SINK), StandardCharsets.UTF_8).lines().toList();
        if (cut && !lines.isEmpty()) {
            lines = lines.subList(0, lines.size() - 1); // the last line was cut in the middle
        }
        if (lines.size() > MAX_EVENTS_PER_SINK) {
            lines = lines.subList(0, MAX_EVENTS_PER_SINK);
            cut = true;
        }
        return new PreviewResult.SinkOutput(sinkId, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", cut);
    }

    private static void writeCertFiles(Path dir, List<CertFile> certFiles) throws IOException {
        for (CertFile cert : certFiles) {
            Path target = dir.resolve(cert.filename()).normalize();
            if (!target.startsWith(dir) || cert.data() == null) {
                throw new IOException("certificate file '" + cert.filename() + "' is not a path inside the preview's directory");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, Base64.getDecoder().decode(cert.data()));
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static String lastError(String output) {
        List<String> lines = output.lines().filter(l -> l.contains("ERROR")).toList();
        return lines.isEmpty() ? "" : ": " + lines.getLast().strip();
    }

    private static String tail(String output) {
        return output.length() <= MAX_LOG ? output : output.substring(output.length() - MAX_LOG);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a left-over file in the agent's own previews directory is harmless; the next run uses a new one
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
