package dev.vectorflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.vectorflow.adapter.vector.VectorPipelines;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Commands that need no server: {@code validate} and {@code completion}. */
final class LocalCommands {

    private LocalCommands() {
    }

    /** {@code validate FILE}: judges a Vector config file with the bundled catalog, as a publish would. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a Vector config file locally (no server): every problem, exit 5 when there are errors.")
    static final class Validate implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE") Path file;
        @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "yaml, toml or json (default: by the file's extension, else TOML as Vector reads it)")
        ConfigFormat format;

        @Override
        public Integer call() {
            VectorFlowCtl ctl = VectorFlowCtl.of(spec);
            ConfigFormat chosen = format != null ? format : ConfigFormat.forFileName(file.getFileName().toString());
            PipelineFiles.Judged judged = new PipelineFiles(VectorPipelines.withBundledCatalog()).judge(PipelineFiles.readText(file), chosen);
            Output output = ctl.output();
            if (output.forPeople()) {
                StringBuilder text = new StringBuilder();
                for (Problem p : judged.problems()) {
                    text.append(file.getFileName()).append(": ").append(PipelineFiles.describe(p)).append('\n');
                }
                long errors = judged.problems().stream().filter(Problem::isError).count();
                text.append(errors == 0 ? file.getFileName() + " is valid" + (judged.problems().isEmpty() ? "" : " (with warnings)")
                        : file.getFileName() + ": " + errors + " error(s)");
                output.text(text.toString());
            } else {
                ArrayNode problems = ServerApi.JSON.createArrayNode();
                for (Problem p : judged.problems()) {
                    problems.add(ServerApi.object("severity", p.severity().name(), "component", p.component().map(c -> c.value()).orElse(null),
                            "path", p.optionPath(), "message", p.message()));
                }
                output.data(ServerApi.object("file", file.toString(), "valid", !judged.hasErrors(), "problems", problems));
            }
            return judged.hasErrors() ? ExitCodes.REFUSED : ExitCodes.OK;
        }
    }

    /** {@code completion bash|zsh}: a completion script (source it, or put it into the shell's completion directory). */
    @Command(name = "completion", mixinStandardHelpOptions = true,
            description = "Print a shell completion script for bash or zsh (for the command name given with --command-name).")
    static final class Completion implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "SHELL", description = "bash or zsh") String shell;
        @Option(names = "--command-name", description = "the name you call the command line by (default vectorflow-ctl)") String name = "vectorflow-ctl";

        @Override
        public Integer call() {
            VectorFlowCtl ctl = VectorFlowCtl.of(spec);
            if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
                throw new CtlFailure(ExitCodes.USAGE, "--command-name must be a plain command name but was '" + name + "'");
            }
            String script = AutoComplete.bash(name, new CommandLine(spec.root().userObject()));
            switch (shell.toLowerCase(Locale.ROOT)) {
                case "bash" -> ctl.out().print(script);
                // picocli's script runs in zsh through bashcompinit
                case "zsh" -> ctl.out().print("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script);
                default -> throw new CtlFailure(ExitCodes.USAGE, "completion knows bash and zsh, not '" + shell + "'");
            }
            ctl.out().flush();
            return ExitCodes.OK;
        }
    }
}
