package dev.vectorflow.app;

import dev.vectorflow.ports.out.system.DataDirectoryProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory's readiness: less usable space than {@code VF_DATA_DIR_MIN_FREE_MB}, or a small file that cannot be
 * written and removed (a full disk, a read-only mount), is a problem. The embedded PostgreSQL, the master key and local
 * backups live there. A change of state is logged once (a warning when it starts, a note when it ends).
 */
final class DataDirectoryCheck implements DataDirectoryProbe {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectoryCheck.class);
    private static final long MB = 1024 * 1024;

    private final Path directory;
    private final long minimumFreeBytes;
    private volatile String lastProblem;

    DataDirectoryCheck(Path directory, long minimumFreeBytes) {
        this.directory = directory.toAbsolutePath().normalize();
        this.minimumFreeBytes = minimumFreeBytes;
    }

    @Override
    public Optional<String> problem() {
        Optional<String> problem = check();
        String now = problem.orElse(null);
        if (!Objects.equals(now, lastProblem)) {
            if (now != null && lastProblem == null) {
                LOG.warn("the data directory cannot take writes: {} (/api/ready answers 503 until it can)", now);
            } else if (now == null) {
                LOG.info("the data directory takes writes again");
            }
            lastProblem = now;
        }
        return problem;
    }

    private Optional<String> check() {
        try {
            long free = Files.getFileStore(directory).getUsableSpace();
            if (free < minimumFreeBytes) {
                return Optional.of(free / MB + " MB free in " + directory + ", below the " + minimumFreeBytes / MB
                        + " MB minimum (VF_DATA_DIR_MIN_FREE_MB)");
            }
            Path probe = Files.createTempFile(directory, ".vf-write-probe-", ".tmp");
            try {
                Files.write(probe, new byte[4096]);
            } finally {
                Files.deleteIfExists(probe);
            }
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of("cannot write to " + directory + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }
}
