package dev.vectorflow.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import sun.misc.Signal;

/** The command line: {@code vectorflow server | migrate | version | --help}. */
public final class VectorFlowCli {

    static final int OK = 0;
    static final int USAGE = 2;
    static final int FAILED = 1;
    /** EX_CONFIG of sysexits.h, as Vector uses it: the configuration is invalid. */
    static final int BAD_CONFIG = 78;

    private VectorFlowCli() {
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        if (code != RUNNING) {
            System.exit(code);
        }
    }

    /** Returned by {@link #run} when the server was started and keeps running. */
    static final int RUNNING = -1;

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "help" : args[0];
        switch (command) {
            case "help", "--help", "-h" -> {
                out.print(usage());
                return OK;
            }
            case "version", "--version" -> {
                out.println("vectorflow " + Version.current());
                return OK;
            }
            default -> {
                if (!COMMANDS.contains(command)) {
                    err.println("Unknown command '" + command + "'.");
                    err.print(usage());
                    return USAGE;
                }
            }
        }
        CommandLine cli = new CommandLine(new Commands.Root());
        cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        CommandLine.ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println(e.getMessage());
            e.getCommandLine().usage(err);
            return USAGE;
        }
        // the innermost command given: `admin create`, `server`, ...
        CommandLine.ParseResult leaf = parsed;
        while (leaf.subcommand() != null) {
            leaf = leaf.subcommand();
        }
        if (leaf.isUsageHelpRequested()) {
            leaf.commandSpec().commandLine().usage(out);
            return OK;
        }
        Object chosen = leaf.commandSpec().userObject();
        if (!(chosen instanceof Commands.Runnable runnable)) {
            err.println("'" + leaf.commandSpec().qualifiedName() + "' needs a subcommand.");
            leaf.commandSpec().commandLine().usage(err);
            return USAGE;
        }
        // release commands touch neither settings nor database
        if (runnable instanceof Commands.ReleaseKeygen keygen) {
            return ReleaseCommands.keygen(keygen.out, out, err);
        }
        if (runnable instanceof Commands.ReleaseSign sign) {
            return ReleaseCommands.sign(sign.key, sign.jar, sign.version, sign.downloadUrl, sign.output, out, err);
        }
        return runWithSettings(runnable, env, out, err);
    }

    private static final Set<String> COMMANDS = Set.of("server", "migrate", "admin", "audit", "keys", "backup", "release");

    static InputStream stdin = System.in;

    private static int runWithSettings(Commands.Runnable command, Map<String, String> env, PrintStream out, PrintStream err) {
        ServerSettings settings;
        try {
            settings = ServerSettings.fromEnvironment(env);
        } catch (InvalidSettingException e) {
            err.println("Configuration error: " + e.getMessage());
            err.println("Run 'vectorflow --help' for the list of settings.");
            return BAD_CONFIG;
        }
        setLogLevel(settings.logLevel());
        Logger log = LoggerFactory.getLogger(VectorFlowCli.class);
        boolean serving = command instanceof Commands.Server || command instanceof Commands.Migrate;
        if (serving) {
            log.info("VectorFlow {} {} with settings:", Version.current(), command.name());
            settings.describe().forEach(line -> log.info("  {}", line));
        } else {
            setLogLevel("WARN");
        }
        Set<String> unknown = ServerSettings.unknownVariables(env, command.extraVariables());
        if (!unknown.isEmpty()) {
            log.warn("ignoring unknown settings (typos?): {}", String.join(", ", unknown));
        }
        try {
            return switch (command) {
                case Commands.AdminCreate create -> AdminCommands.createAdmin(settings, create.email, create.name, env, stdin, out, err);
                case Commands.AuditVerify verify -> AdminCommands.verifyAudit(settings, out, err);
                case Commands.KeysRotate rotate -> AdminCommands.rotateKeys(settings, out);
                case Commands.KeysExport export -> AdminCommands.exportKey(settings, out, err);
                case Commands.BackupCreate create -> BackupCommands.create(settings, !create.withoutTelemetry, out, err);
                case Commands.BackupList list -> BackupCommands.list(settings, out);
                case Commands.BackupRestore restore -> BackupCommands.restore(settings, restore.source, restore.dryRun, out, err);
                case Commands.Migrate migrate -> {
                    String database = ServerApplication.migrate(settings);
                    out.println("Database schema is up to date on " + database + ".");
                    yield OK;
                }
                // run before the settings are read (run above); listed for the switch to be exhaustive
                case Commands.ReleaseKeygen keygen -> throw new IllegalStateException("release keygen needs no settings");
                case Commands.ReleaseSign sign -> throw new IllegalStateException("release sign needs no settings");
                case Commands.Server server -> {
                    ServerApplication app = ServerApplication.start(settings);
                    installStopSignals(app);
                    yield RUNNING;
                }
            };
        } catch (InvalidSettingException e) {
            err.println("Configuration error: " + e.getMessage());
            return BAD_CONFIG;
        } catch (RuntimeException e) {
            log.error("{} failed: {}", command.name(), e.getMessage(), e);
            err.println("VectorFlow could not " + (command instanceof Commands.Server ? "start" : "run " + command.name()) + ": " + e.getMessage());
            return FAILED;
        }
    }

    /**
     * SIGTERM and SIGINT stop the server gracefully and exit 0; a second signal while stopping
     * exits at once.
     */
    private static void installStopSignals(ServerApplication app) {
        CountDownLatch stopping = new CountDownLatch(1);
        Runnable stop = () -> {
            if (stopping.getCount() == 0) {
                Runtime.getRuntime().halt(FAILED);
            }
            stopping.countDown();
            Thread.ofPlatform().name("vectorflow-stop").start(() -> {
                int code = OK;
                try {
                    app.close();
                } catch (RuntimeException e) {
                    LoggerFactory.getLogger(VectorFlowCli.class).error("stop failed", e);
                    code = FAILED;
                }
                System.exit(code);
            });
        };
        Signal.handle(new Signal("TERM"), signal -> stop.run());
        Signal.handle(new Signal("INT"), signal -> stop.run());
        // any other way out of the JVM (System.exit elsewhere, SIGHUP) still stops in order
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "vectorflow-shutdown"));
    }

    private static void setLogLevel(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
        }
    }

    static String usage() {
        StringBuilder text = new StringBuilder("""
                Usage: vectorflow <command>

                Commands:
                  server     Start the VectorFlow server (web UI and API); applies the database schema first
                  migrate    Apply the database schema and exit
                  admin create --email EMAIL --name NAME
                             Create a platform admin (password from VF_ADMIN_PASSWORD or standard input)
                  audit verify
                             Check the audit log's hash chain; reports the first broken link
                  keys rotate
                             Add a new data key to the key ring and re-seal every secret and certificate
                             with it (servers keep running; against an embedded database, stop the server first)
                  keys export
                             Print the master key (VF_MASTER_KEY form) to keep it safe apart from the backups
                  backup create [--without-telemetry]
                             Take a backup now into VF_BACKUP_TARGET (secrets stay sealed; keep the master key apart)
                  backup list
                             List backups: recorded runs (failed ones too) and files in the storage
                  backup restore FILE|NAME [--dry-run]
                             Restore a backup (a pre-restore backup is taken of a database that has data);
                             --dry-run only verifies it
                  release keygen --out FILE
                             Write a new ed25519 key that signs agent releases; prints VF_UPDATE_PUBLIC_KEY
                  release sign --key FILE --jar FILE --version V [--download-url URL] [--output FILE]
                             Sign an agent jar: the release JSON (checksum, signature) for /api/agent-releases
                  version    Print the version
                  help       Show this help

                Settings (environment variables):
                """);
        for (ServerSettings.Variable v : ServerSettings.VARIABLES) {
            text.append(String.format("  %-27s %s%s%n", v.name(), v.description(),
                    v.defaultValue().isEmpty() ? "" : " [default: " + v.defaultValue() + "]"));
        }
        return text.toString();
    }
}
