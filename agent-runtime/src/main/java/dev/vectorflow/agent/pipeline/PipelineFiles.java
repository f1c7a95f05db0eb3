package dev.vectorflow.agent.pipeline;

import dev.vectorflow.ports.protocol.CertFile;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The on-disk layout of one pipeline under {@code <data dir>/pipelines/<id>/}: {@code pipeline.yaml} (the
 * server's config, secrets as references only), {@code vf-sidecar.yaml}, certificate files, Vector's own
 * {@code data/} directory, {@code vector.log}, {@code vector.pid} and {@code agent-state.properties}. Every file
 * is written to a temporary name and renamed, mode 0600; directories are 0700.
 */
final class PipelineFiles {

    static final String CONFIG = "pipeline.yaml";
    static final String CANDIDATE = "pipeline.next.yaml";
    static final String SIDECAR = "vf-sidecar.yaml";
    static final String STATE = "agent-state.properties";

    private final Path root;

    PipelineFiles(Path pipelinesRoot, String pipelineId) {
        if (!pipelineId.matches("[A-Za-z0-9_.-]{1,128}") || pipelineId.startsWith(".")) {
            throw new IllegalArgumentException("'pipelineId' must match [A-Za-z0-9_.-]{1,128} but was '" + pipelineId + "'");
        }
        this.root = pipelinesRoot.resolve(pipelineId);
    }

    Path root() {
        return root;
    }

    Path config() {
        return root.resolve(CONFIG);
    }

    Path candidate() {
        return root.resolve(CANDIDATE);
    }

    Path sidecar() {
        return root.resolve(SIDECAR);
    }

    Path dataDir() {
        return root.resolve("data");
    }

    Path log() {
        return root.resolve("vector.log");
    }

    void prepare() throws IOException {
        createPrivateDirectory(root);
        createPrivateDirectory(dataDir());
    }

    void writeCandidate(String yaml) throws IOException {
        writePrivate(candidate(), yaml.getBytes(StandardCharsets.UTF_8));
    }

    void promoteCandidate() throws IOException {
        move(candidate(), config());
    }

    void discardCandidate() {
        try {
            Files.deleteIfExists(candidate());
        } catch (IOException ignored) {
            // a leftover candidate is overwritten by the next deploy
        }
    }

    void writeConfig(String yaml) throws IOException {
        writePrivate(config(), yaml.getBytes(StandardCharsets.UTF_8));
    }

    void writeSidecar(String yaml) throws IOException {
        writePrivate(sidecar(), yaml.getBytes(StandardCharsets.UTF_8));
    }

    Optional<String> readConfig() {
        try {
            return Optional.of(Files.readString(config(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Certificate files, inside the pipeline directory only (a file name may hold sub-directories, never {@code ..}). */
    void writeCerts(List<CertFile> certs) throws IOException {
        for (CertFile cert : certs) {
            Path target = root.resolve(cert.filename()).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                throw new IOException("certificate file name '" + cert.filename() + "' leaves the pipeline directory");
            }
            createPrivateDirectory(target.getParent());
            writePrivate(target, Base64.getMimeDecoder().decode(cert.data()));
        }
    }

    void writeState(Properties state) throws IOException {
        StringWriter text = new StringWriter();
        state.store(text, "VectorFlow agent: what runs here (read at the next agent start to adopt the process)");
        writePrivate(root.resolve(STATE), text.toString().getBytes(StandardCharsets.ISO_8859_1));
        Object pid = state.get("pid");
        if (pid != null) {
            writePrivate(root.resolve("vector.pid"), (pid + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    Optional<Properties> readState() {
        try (Reader in = Files.newBufferedReader(root.resolve(STATE), StandardCharsets.ISO_8859_1)) {
            Properties p = new Properties();
            p.load(in);
            return Optional.of(p);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    void deleteAll() {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // what is left is harmless; the next deploy of this id reuses the directory
        }
    }

    static void createPrivateDirectory(Path dir) throws IOException {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    /** Writes to a temporary file in the same directory, 0600, then renames it over {@code target}. */
    static void writePrivate(Path target, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(tmp, content);
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
