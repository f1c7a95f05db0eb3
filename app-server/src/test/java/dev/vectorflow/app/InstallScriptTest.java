package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The options of {@code packaging/agent/install.sh} that the enrollment page prints, checked before it touches the
 * system (these calls end before its root check, so they change nothing).
 */
class InstallScriptTest {

    private static final Path SCRIPT = Path.of("..", "packaging", "agent", "install.sh").toAbsolutePath().normalize();
    private static final Path SERVER_SCRIPT = Path.of("..", "packaging", "server", "install.sh").toAbsolutePath().normalize();

    private record Outcome(int exitCode, String output) {
    }

    private static Outcome install(String... arguments) throws Exception {
        return run(SCRIPT, arguments);
    }

    private static Outcome run(Path script, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Outcome(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void givenADataDirectoryTheServiceCannotUse_installRefusesItBeforeChangingAnything() throws Exception {
        Outcome relative = install("--url", "https://vf.example.com", "--token", "t", "--data-dir", "relative/dir");
        assertThat(relative.exitCode()).isEqualTo(2);
        assertThat(relative.output()).contains("--data-dir must be an absolute path but was 'relative/dir'");
        for (String protectedDir : List.of("/home/ops/vf", "/etc/vf", "/usr/local/vf", "/root")) {
            Outcome refused = install("--url", "https://vf.example.com", "--data-dir", protectedDir);
            assertThat(refused.exitCode()).as(protectedDir).isEqualTo(2);
            assertThat(refused.output()).contains("cannot be under /usr, /etc, /boot or a home directory");
        }
    }

    @Test
    void givenHelpOrAnUnknownOption_installShowsItsOptions() throws Exception {
        Outcome help = install("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("--url", "--token", "--vector-bin", "--data-dir /var/lib/vectorflow-agent");
        Outcome unknown = install("--datadir", "/x");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.output()).contains("unknown option: --datadir", "--data-dir");
    }

    @Test
    void givenBadOptions_theServerInstallRefusesThemBeforeChangingAnything() throws Exception {
        Outcome port = run(SERVER_SCRIPT, "--port", "80a");
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.output()).contains("--port must be a number from 1 to 65535 but was '80a'");
        Outcome bigPort = run(SERVER_SCRIPT, "--port", "70000");
        assertThat(bigPort.exitCode()).isEqualTo(2);
        Outcome url = run(SERVER_SCRIPT, "--database-url", "postgres://db/vf");
        assertThat(url.exitCode()).isEqualTo(2);
        assertThat(url.output()).contains("--database-url must start with jdbc:postgresql://");
        Outcome home = run(SERVER_SCRIPT, "--data-dir", "/home/ops/vf");
        assertThat(home.exitCode()).isEqualTo(2);
        assertThat(home.output()).contains("cannot be under /usr, /etc, /boot or a home directory");
        Outcome unknown = run(SERVER_SCRIPT, "--token", "x");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.output()).contains("unknown option: --token", "--database-url");
        Outcome help = run(SERVER_SCRIPT, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("--host 0.0.0.0", "--port 8080", "VF_DATABASE_PASSWORD");
    }
}
