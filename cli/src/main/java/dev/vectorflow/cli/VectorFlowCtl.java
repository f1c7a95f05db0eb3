package dev.vectorflow.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code vectorflow ctl}: the client command line for people who script a fleet and keep pipelines in git. It talks to a
 * server's HTTP API with an API token and reads Vector files locally with the embeddable library.
 */
@Command(name = "vectorflow-ctl", mixinStandardHelpOptions = true, versionProvider = VectorFlowCtl.Version.class,
        description = "Script a VectorFlow server: environments, pipelines, versions, deployments, nodes, logs, GitOps apply.",
        subcommands = {CommandLine.HelpCommand.class, SessionCommands.Login.class, EnvironmentCommands.class, PipelineCommands.class,
                NodeCommands.class, NodeCommands.Logs.class, NodeCommands.Status.class, LocalCommands.Validate.class,
                ApplyCommand.class, LocalCommands.Completion.class},
        footer = {"", "Server: --server or VF_CTL_URL. Token: VF_CTL_TOKEN, or the file VF_CTL_CONFIG",
                "(default ~/.config/vectorflow/ctl.properties; keys url, token; mode 600).", "",
                "Exit codes: 0 ok, 1 error, 2 usage, 3 not signed in or not allowed,",
                "4 not found, 5 input refused, 6 changes pending (apply --dry-run",
                "--detailed-exitcode)."})
public final class VectorFlowCtl implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            description = "table (default, for people), json or yaml (stable, for scripts)")
    Output.Format output = Output.Format.TABLE;

    @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL", description = "the server (default: VF_CTL_URL, then the config file)")
    String server;

    private final Map<String, String> env;
    private final Path home;
    private final PrintWriter out;
    private final PrintWriter err;
    private ServerApi api;

    VectorFlowCtl(Map<String, String> env, Path home, PrintWriter out, PrintWriter err) {
        this.env = env;
        this.home = home;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.getenv(), Path.of(System.getProperty("user.home")), out, err));
    }

    /** Runs one command line; answers its exit code (see {@link ExitCodes}). */
    public static int run(String[] args, Map<String, String> env, Path home, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(new VectorFlowCtl(env, home, out, err));
        cli.setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof CtlFailure failure) {
                err.println("error: " + failure.getMessage());
                err.flush();
                return failure.exitCode();
            }
            err.println("error: " + e);
            err.flush();
            return ExitCodes.ERROR;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static CommandLine commandLine(VectorFlowCtl root) {
        CommandLine cli = new CommandLine(root);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExitCodeExceptionMapper(e -> ExitCodes.USAGE);
        return cli;
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(out);
        return ExitCodes.USAGE;
    }

    /** The root of the command being run (its options, streams and server connection). */
    static VectorFlowCtl of(CommandSpec spec) {
        return (VectorFlowCtl) spec.root().userObject();
    }

    /** The server API, connected on first use (commands that work locally never need a token). */
    ServerApi api() {
        if (api == null) {
            api = new ServerApi(Connection.resolve(Optional.ofNullable(server), env, home));
        }
        return api;
    }

    Output output() {
        return new Output(output, out);
    }

    PrintWriter out() {
        return out;
    }

    /** Progress and notes for people: always stderr, so stdout stays what a script parses. */
    void progress(String line) {
        err.println(line);
        err.flush();
    }

    /** The version of this jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = VectorFlowCtl.class.getPackage().getImplementationVersion();
            return new String[] {"vectorflow-ctl " + (version == null ? "development" : version)};
        }
    }
}
