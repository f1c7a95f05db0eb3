package dev.vectorflow.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MasterKeySourceTest {

    @TempDir
    Path dataDirectory;

    private final MasterKeySource source = new MasterKeySource(new SecureRandom());
    private final byte[] key = new byte[32];

    @BeforeEach
    void drawKey() {
        new SecureRandom().nextBytes(key);
    }

    @Test
    void givenNoKeyFile_load_createsItOwnerOnlyWithBase64AndReportsThat() throws IOException {
        assumeTrue(supportsPosix());
        Path keyFile = MasterKeySource.defaultKeyFile(dataDirectory.resolve("data"));

        MasterKey loaded = source.load(Optional.empty(), keyFile);

        assertThat(loaded.created()).isTrue();
        assertThat(loaded.file()).contains(keyFile.toAbsolutePath());
        assertThat(keyFile.getFileName()).hasToString("master.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent()))).isEqualTo("rwx------");
        String content = Files.readString(keyFile, StandardCharsets.US_ASCII);
        assertThat(content).endsWith("\n");
        assertThat(Base64.getDecoder().decode(content.strip())).isEqualTo(loaded.bytes());
    }

    @Test
    void givenKeyFileCreatedBefore_load_returnsTheSameKeyAsNotCreated() {
        Path keyFile = MasterKeySource.defaultKeyFile(dataDirectory);
        MasterKey first = source.load(Optional.empty(), keyFile);

        MasterKey second = source.load(Optional.empty(), keyFile);

        assertThat(second.created()).isFalse();
        assertThat(second.bytes()).isEqualTo(first.bytes());
    }

    @Test
    void givenTwoDataDirectories_load_createsDifferentKeys() {
        MasterKey one = source.load(Optional.empty(), dataDirectory.resolve("one/master.key"));
        MasterKey two = source.load(Optional.empty(), dataDirectory.resolve("two/master.key"));

        assertThat(one.bytes()).isNotEqualTo(two.bytes());
    }

    @Test
    void givenBase64EnvironmentValue_load_usesItAndLeavesTheFileAlone() {
        Path keyFile = dataDirectory.resolve("master.key");

        MasterKey loaded = source.load(Optional.of(Base64.getEncoder().encodeToString(key)), keyFile);

        assertThat(loaded.bytes()).isEqualTo(key);
        assertThat(loaded.file()).isEmpty();
        assertThat(loaded.created()).isFalse();
        assertThat(keyFile).doesNotExist();
    }

    @Test
    void givenOtherSpellingsOfTheKey_fromEnvironmentValue_readsTheSameBytes() {
        assertThat(MasterKeySource.fromEnvironmentValue(HexFormat.of().formatHex(key)).bytes()).isEqualTo(key);
        assertThat(MasterKeySource.fromEnvironmentValue(HexFormat.of().withUpperCase().formatHex(key)).bytes()).isEqualTo(key);
        assertThat(MasterKeySource.fromEnvironmentValue(Base64.getEncoder().withoutPadding().encodeToString(key)).bytes()).isEqualTo(key);
        assertThat(MasterKeySource.fromEnvironmentValue(Base64.getUrlEncoder().encodeToString(key)).bytes()).isEqualTo(key);
        assertThat(MasterKeySource.fromEnvironmentValue("  " + Base64.getEncoder().encodeToString(key) + "\n").bytes()).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"secret-passphrase", "c2hvcnQ=", "0123456789abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void givenValueThatIsNotAKey_load_failsNamingTheVariableWithoutEchoingTheValue(String value) {
        assertThatThrownBy(() -> source.load(Optional.of(value), dataDirectory.resolve("master.key")))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("VF_MASTER_KEY ")
                .hasMessageContaining("base64")
                .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain(value));
        assertThat(dataDirectory.resolve("master.key")).doesNotExist();
    }

    @Test
    void givenBlankEnvironmentValue_load_usesTheKeyFile() {
        MasterKey loaded = source.load(Optional.of("  "), dataDirectory.resolve("master.key"));

        assertThat(loaded.created()).isTrue();
    }

    @Test
    void givenKeyFileReadableByGroupOrOthers_load_refusesNamingThePath() throws IOException {
        assumeTrue(supportsPosix());
        for (String permissions : new String[] {"rw-r-----", "rw----r--", "rw--w----"}) {
            Path keyFile = dataDirectory.resolve(permissions + ".key");
            Files.writeString(keyFile, Base64.getEncoder().encodeToString(key) + "\n");
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString(permissions));

            assertThatThrownBy(() -> source.load(Optional.empty(), keyFile))
                    .isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(keyFile.toAbsolutePath().toString())
                    .hasMessageContaining("chmod 600")
                    .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain(Base64.getEncoder().encodeToString(key)));
        }
    }

    @Test
    void givenOwnerOnlyKeyFileWrittenByHand_load_readsIt() throws IOException {
        assumeTrue(supportsPosix());
        Path keyFile = dataDirectory.resolve("master.key");
        Files.writeString(keyFile, HexFormat.of().formatHex(key) + "\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("r--------"));

        MasterKey loaded = source.load(Optional.empty(), keyFile);

        assertThat(loaded.bytes()).isEqualTo(key);
        assertThat(loaded.created()).isFalse();
    }

    @Test
    void givenKeyFileWithGarbage_load_failsNamingThePath() throws IOException {
        Path keyFile = dataDirectory.resolve("master.key");
        Files.writeString(keyFile, "this is not a key\n");
        ownerOnly(keyFile);

        assertThatThrownBy(() -> source.load(Optional.empty(), keyFile))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining(keyFile.toAbsolutePath().toString())
                .hasMessageContaining("does not hold a master key")
                .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain("this is not a key"));
    }

    @Test
    void givenEmptyKeyFile_load_failsInsteadOfReplacingIt() throws IOException {
        Path keyFile = dataDirectory.resolve("master.key");
        Files.createFile(keyFile);
        ownerOnly(keyFile);

        assertThatThrownBy(() -> source.load(Optional.empty(), keyFile))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining(keyFile.toAbsolutePath().toString());
        assertThat(keyFile).isEmptyFile();
    }

    @Test
    void givenDirectoryWhereTheKeyFileShouldBe_load_failsNamingThePath() throws IOException {
        Path keyFile = Files.createDirectory(dataDirectory.resolve("master.key"));

        assertThatThrownBy(() -> source.load(Optional.empty(), keyFile))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining(keyFile.toAbsolutePath().toString());
    }

    @Test
    void givenLoadedKey_toString_revealsNoKeyMaterial() {
        MasterKey fromValue = MasterKeySource.fromEnvironmentValue(Base64.getEncoder().encodeToString(key));
        MasterKey fromFile = source.load(Optional.empty(), dataDirectory.resolve("master.key"));

        assertThat(fromValue).hasToString("MasterKey[from VF_MASTER_KEY]");
        assertThat(fromFile.toString()).isEqualTo("MasterKey[file=" + dataDirectory.resolve("master.key").toAbsolutePath() + ", created]");
    }

    @Test
    void givenMasterKey_bytes_areCopiedInAndOut() {
        MasterKey masterKey = new MasterKey(key, Optional.empty(), false);
        key[0] ^= 1;
        masterKey.bytes()[1] ^= 1;

        assertThat(masterKey.bytes()[0]).isEqualTo((byte) (key[0] ^ 1));
        assertThat(masterKey).isEqualTo(new MasterKey(masterKey.bytes(), Optional.empty(), false));
    }

    private boolean supportsPosix() {
        return dataDirectory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private void ownerOnly(Path file) throws IOException {
        if (supportsPosix()) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
