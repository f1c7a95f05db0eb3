package dev.vectorflow.adapter.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the master key of the key ring: the {@code VF_MASTER_KEY} value when one is given, else a key file (by default
 * {@code <data dir>/master.key}) that is created with a new random key, owner read/write only, when it does not exist
 * yet.
 * The details are in docs/architecture.md, "Notes on the code".
 */
public final class MasterKeySource {

    /** The environment variable (and configuration key) holding the master key. */
    public static final String ENVIRONMENT_VARIABLE = "VF_MASTER_KEY";

    /** Name of the key file inside the data directory. */
    public static final String DEFAULT_FILE_NAME = "master.key";

    private static final Pattern HEX_KEY = Pattern.compile("[0-9a-fA-F]{" + 2 * MasterKey.LENGTH + "}");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final String EXPECTED_FORMAT =
            MasterKey.LENGTH + " bytes as base64 (44 characters) or as hex (64 characters)";

    private final SecureRandom random;

    /** A source that draws new master keys from {@code random}. */
    public MasterKeySource(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Where the key file lives in {@code dataDirectory}. */
    public static Path defaultKeyFile(Path dataDirectory) {
        return dataDirectory.resolve(DEFAULT_FILE_NAME);
    }

    /**
     * The master key from {@code environmentValue} when it is present and not blank, else from
     * {@code keyFile} (created when missing; see {@link MasterKey#created()}).
     *
     * @throws IllegalArgumentException when the value is not a master key
     * @throws IllegalStateException when the file cannot be read or created, is accessible to group
     *     or others, or does not hold a master key
     */
    public MasterKey load(Optional<String> environmentValue, Path keyFile) {
        Objects.requireNonNull(environmentValue, "environmentValue");
        Objects.requireNonNull(keyFile, "keyFile");
        if (environmentValue.isPresent() && !environmentValue.get().isBlank()) {
            return fromEnvironmentValue(environmentValue.get());
        }
        return fromFile(keyFile);
    }

    /**
     * The master key spelled by a {@code VF_MASTER_KEY} value.
     *
     * @throws IllegalArgumentException naming {@code VF_MASTER_KEY}, never echoing the value
     */
    public static MasterKey fromEnvironmentValue(String value) {
        Objects.requireNonNull(value, "value");
        byte[] key = decode(value).orElseThrow(() -> new IllegalArgumentException(
                ENVIRONMENT_VARIABLE + " is not a master key: expected " + EXPECTED_FORMAT
                        + ", got " + value.strip().length() + " characters"));
        try {
            return new MasterKey(key, Optional.empty(), false);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The master key in {@code keyFile}, creating the file with a new random key when it does not
     * exist.
     *
     * @throws IllegalStateException naming the path, when the file cannot be used
     */
    public MasterKey fromFile(Path keyFile) {
        Path file = keyFile.toAbsolutePath();
        if (Files.exists(file)) {
            return read(file);
        }
        try {
            return create(file);
        } catch (FileAlreadyExistsException anotherProcessWasFaster) {
            return read(file);
        }
    }

    private MasterKey read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("master key file " + file + " is not a regular file");
        }
        if (supportsPosix(file)) {
            Set<PosixFilePermission> permissions;
            try {
                permissions = Files.getPosixFilePermissions(file);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the permissions of master key file " + file + ": " + e, e);
            }
            if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                throw new IllegalStateException("master key file " + file + " is accessible to group or others ("
                        + PosixFilePermissions.toString(permissions) + "); allow only its owner with: chmod 600 " + file);
            }
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read master key file " + file + ": " + e, e);
        }
        String text = new String(content, StandardCharsets.US_ASCII);
        Arrays.fill(content, (byte) 0);
        byte[] key = decode(text).orElseThrow(() -> new IllegalStateException(
                "master key file " + file + " does not hold a master key: expected " + EXPECTED_FORMAT));
        try {
            return new MasterKey(key, Optional.of(file), false);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private MasterKey create(Path file) throws FileAlreadyExistsException {
        boolean posix = supportsPosix(file);
        Path directory = file.getParent();
        try {
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the directory " + directory + " for master key file " + file + ": " + e, e);
        }
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        byte[] key = new byte[MasterKey.LENGTH];
        random.nextBytes(key);
        byte[] content = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly);
            try (channel) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            } catch (IOException e) {
                // a half-written key file would fail every later start; better none at all
                deleteQuietly(file);
                throw e;
            }
            return new MasterKey(key, Optional.of(file), true);
        } catch (FileAlreadyExistsException anotherProcessWasFaster) {
            throw anotherProcessWasFaster;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create master key file " + file + ": " + e, e);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(content, (byte) 0);
        }
    }

    private static Optional<byte[]> decode(String spelled) {
        String value = spelled.strip();
        if (HEX_KEY.matcher(value).matches()) {
            return Optional.of(HexFormat.of().parseHex(value));
        }
        for (Base64.Decoder decoder : new Base64.Decoder[] {Base64.getDecoder(), Base64.getUrlDecoder()}) {
            try {
                byte[] key = decoder.decode(value);
                if (key.length == MasterKey.LENGTH) {
                    return Optional.of(key);
                }
                Arrays.fill(key, (byte) 0);
            } catch (IllegalArgumentException notThisAlphabet) {
                // try the next alphabet
            }
        }
        return Optional.empty();
    }

    private static boolean supportsPosix(Path path) {
        return path != null && path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the original failure is the one worth reporting
        }
    }
}
