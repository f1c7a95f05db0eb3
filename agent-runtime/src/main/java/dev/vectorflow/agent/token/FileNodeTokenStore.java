package dev.vectorflow.agent.token;

import dev.vectorflow.agent.port.NodeTokenStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** {@link NodeTokenStore} as {@code <data dir>/node-token}, mode 0600, in a 0700 directory, written atomically. */
public final class FileNodeTokenStore implements NodeTokenStore {

    private final Path directory;
    private final Path file;

    public FileNodeTokenStore(Path dataDirectory) {
        this.directory = dataDirectory;
        this.file = dataDirectory.resolve("node-token");
    }

    @Override
    public Optional<String> load() throws TokenStoreFailure {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException e) {
            throw new TokenStoreFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(String nodeToken) throws TokenStoreFailure {
        try {
            privateDirectory(directory);
            Path tmp = Files.createTempFile(directory, ".node-token", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(tmp, nodeToken + "\n", StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new TokenStoreFailure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void reject() throws TokenStoreFailure {
        try {
            if (Files.exists(file)) {
                Files.move(file, directory.resolve("node-token.rejected"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new TokenStoreFailure("cannot set " + file + " aside: " + e.getMessage(), e);
        }
    }

    /** Creates the directory 0700, or tightens an existing one to 0700. */
    public static void privateDirectory(Path dir) throws IOException {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
}
