package dev.vectorflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionTest {

    @TempDir Path home;

    private Path config(String mode) throws Exception {
        Path file = home.resolve(".config/vectorflow/ctl.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "url=https://vf.example.com/\ntoken=vf_api_fromfile\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void givenAPrivateConfigFile_itGivesUrlAndToken_andTheEnvironmentWins() throws Exception {
        config("rw-------");

        Connection fromFile = Connection.resolve(Optional.empty(), Map.of(), home);
        Connection fromEnv = Connection.resolve(Optional.of("http://127.0.0.1:8080"), Map.of("VF_CTL_TOKEN", "vf_api_env"), home);

        assertThat(fromFile.server()).hasToString("https://vf.example.com");
        assertThat(fromFile.token()).isEqualTo("vf_api_fromfile");
        assertThat(fromEnv.server()).hasToString("http://127.0.0.1:8080");
        assertThat(fromEnv.token()).isEqualTo("vf_api_env");
        assertThat(fromEnv.toString()).doesNotContain("vf_api_env");
    }

    @Test
    void givenAConfigFileOthersMayRead_itIsRefusedWithTheFix() throws Exception {
        Path file = config("rw-r--r--");

        assertThatThrownBy(() -> Connection.resolve(Optional.empty(), Map.of(), home))
                .isInstanceOfSatisfying(CtlFailure.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.NOT_ALLOWED))
                .hasMessageContaining("chmod 600 " + file).hasMessageContaining("rw-r--r--");
        assertThat(Connection.resolve(Optional.empty(), Map.of("VF_CTL_URL", "http://h", "VF_CTL_TOKEN", "t"), home).token())
                .as("not read when the environment gives both").isEqualTo("t");
    }

    @Test
    void givenNoToken_orAServerThatIsNoHttpUrl_theyAreRefused() {
        assertThatThrownBy(() -> Connection.resolve(Optional.of("http://h"), Map.of(), home))
                .isInstanceOfSatisfying(CtlFailure.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.NOT_ALLOWED));
        assertThatThrownBy(() -> Connection.resolve(Optional.of("ftp://h"), Map.of("VF_CTL_TOKEN", "t"), home))
                .isInstanceOfSatisfying(CtlFailure.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE));
        assertThatThrownBy(() -> Connection.resolve(Optional.of("http://h"), Map.of("VF_CTL_TOKEN", "two words"), home))
                .isInstanceOf(CtlFailure.class);
    }

    @Test
    void givenAnExplicitConfigFileThatDoesNotExist_itIsAnError() {
        assertThatThrownBy(() -> Connection.resolve(Optional.empty(), Map.of("VF_CTL_CONFIG", home.resolve("missing").toString()), home))
                .isInstanceOfSatisfying(CtlFailure.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.ERROR))
                .hasMessageContaining("does not exist");
    }
}
