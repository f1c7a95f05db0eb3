package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import java.util.Set;

class VectorFlowCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return VectorFlowCli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommandsAndEverySetting() {
        assertThat(run(Map.of(), "--help")).isZero();

        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).contains("server", "migrate", "version");
        ServerSettings.VARIABLES.forEach(v -> assertThat(help).contains(v.name()));
    }

    @Test
    void givenUnknownCommand_exits2WithUsage() {
        assertThat(run(Map.of(), "serve")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown command 'serve'").contains("Usage:");
    }

    @Test
    void givenInvalidSetting_serverDoesNotStartAndNamesTheVariable() {
        assertThat(run(Map.of("VF_HTTP_PORT", "eighty"), "server")).isEqualTo(78);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("VF_HTTP_PORT").contains("'eighty'");
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertThat(run(Map.of(), "version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).matches("vectorflow \\d+\\.\\d+\\.\\d+.*\\R");
    }

    @Test
    void givenANameWithSpaces_adminCreateTakesItAsOneValue_andNamesWhatIsMissing() {
        assertThat(run(Map.of(), "admin", "create", "--name", "Ops Team")).isEqualTo(2);

        String error = err.toString(StandardCharsets.UTF_8);
        assertThat(error).contains("Missing required option: '--email=EMAIL'").doesNotContain("Team'");
        assertThat(error).contains("Usage:").contains("--name=NAME");
    }

    @Test
    void givenAGroupWithoutItsSubcommand_orArgumentsAfterServer_theUsageIsShown() {
        assertThat(run(Map.of(), "admin")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'vectorflow admin' needs a subcommand").contains("create");
        assertThat(run(Map.of(), "server", "--port", "80")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown options: '--port', '80'");
    }

    @Test
    void helpOfASubcommand_listsItsOptions() {
        assertThat(run(Map.of(), "admin", "create", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--email=EMAIL", "--name=NAME", "VF_ADMIN_PASSWORD");
    }

    @Test
    void theVariablesACommandReadsItself_areNotReportedAsTypos() {
        assertThat(ServerSettings.unknownVariables(Map.of("VF_ADMIN_PASSWORD", "x", "VF_JAVA_OPTS", "-Xmx1g", "VF_HTTP_PROT", "1"),
                Set.of("VF_ADMIN_PASSWORD"))).containsExactly("VF_HTTP_PROT");
    }
}
