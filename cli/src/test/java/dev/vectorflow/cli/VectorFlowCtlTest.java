package dev.vectorflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VectorFlowCtlTest {

    @TempDir Path home;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VectorFlowCtl.run(args, Map.of(), home, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        for (var sub : command.getSubcommands().entrySet()) {
            if (sub.getValue().getCommandSpec().aliases().length > 0 && List.of(sub.getValue().getCommandSpec().aliases()).contains(sub.getKey())
                    || sub.getKey().equals("help")) {
                continue;
            }
            List<String> next = new ArrayList<>(path);
            next.add(sub.getKey());
            into.add(next);
            collect(sub.getValue(), next, into);
        }
    }

    @Test
    void everyCommand_answersHelpWithItsUsage_andExitZero() {
        List<List<String>> commands = new ArrayList<>();
        collect(VectorFlowCtl.commandLine(new VectorFlowCtl(Map.of(), home, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()))), List.of(), commands);
        assertThat(commands).hasSizeGreaterThan(15);
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            Run help = run(args.toArray(String[]::new));
            assertThat(help.code()).as(String.join(" ", args) + "\n" + help.err()).isZero();
            assertThat(help.out()).as(String.join(" ", args)).startsWith("Usage: vectorflow-ctl " + String.join(" ", command));
        }
    }

    @Test
    void givenAWrongCommandLine_orNoServer_theExitCodeIsUsage() {
        assertThat(run("no-such-command").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("apply", "--env", "x").code()).as("-f is required").isEqualTo(ExitCodes.USAGE);
        Run noServer = run("env", "list");
        assertThat(noServer.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(noServer.err()).contains("no server: give --server URL, set VF_CTL_URL");
    }

    @Test
    void validate_needsNoServer_andAnswersJsonForScripts() throws Exception {
        Path file = Files.writeString(home.resolve("p.toml"), "[sources.in]\ntype = \"demo_logs\"\nformat = \"json\"\n"
                + "[sinks.out]\ntype = \"console\"\ninputs = [\"in\"]\nencoding.codec = \"json\"\n");

        Run valid = run("validate", file.toString(), "-o", "json");

        assertThat(valid.code()).isZero();
        assertThat(ServerApi.JSON.readTree(valid.out()).get("valid").asBoolean()).isTrue();
        Run invalid = run("validate", Files.writeString(home.resolve("q.yaml"), "sources: [").toString());
        assertThat(invalid.code()).isEqualTo(ExitCodes.REFUSED);
        assertThat(invalid.out()).contains("q.yaml: error", "1 error(s)");
    }
}
