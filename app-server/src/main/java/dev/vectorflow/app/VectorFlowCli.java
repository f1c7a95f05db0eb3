package dev.vectorflow.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
            case "admin", "audit", "keys" -> {
                return runWithSettings(String.join(" ", args), env, out, err);
            }
            case "server", "migrate" -> {
                if (args.length > 1) {
                    err.println("'" + command + "' takes no arguments; configure it with VF_* environment variables.");
                    err.print(usage());
                    return USAGE;
                }
                return runWithSettings(command, env, out, err);
            }
            default -> {
                err.println("Unknown command '" + command + "'.");
                err.print(usage());
                return USAGE;
            }
        }
    }

    static InputStream stdin = System.in;

    private static int runWithSettings(String commandLine, Map<String, String> env, PrintStream out, PrintStream err) {
        String[] words = commandLine.split(" ");
        String command = words[0];
        if (command.equals("admin") && (words.length < 2 || !words[1].equals("create"))) {
            err.println("Usage: vectorflow admin create --email EMAIL --name NAME   (password from VF_ADMIN_PASSWORD or standard input)");
            return USAGE;
        }
        if (command.equals("audit") && (words.length != 2 || !words[1].equals("verify"))) {
            err.println("Usage: vectorflow audit verify");
            return USAGE;
        }
        if (command.equals("keys") && (words.length != 2 || !words[1].equals("rotate"))) {
            err.println("Usage: vectorflow keys rotate");
            return USAGE;
        }
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
        if (command.equals("server") || command.equals("migrate")) {
            log.info("VectorFlow {} {} with settings:", Version.current(), command);
            settings.describe().forEach(line -> log.info("  {}", line));
        } else {
            setLogLevel("WARN");
        }
        Set<String> unknown = ServerSettings.unknownVariables(env);
        if (!unknown.isEmpty()) {
            log.warn("ignoring unknown settings (typos?): {}", String.join(", ", unknown));
        }
        try {
            if (command.equals("admin")) {
                return AdminCommands.createAdmin(settings, java.util.Arrays.copyOfRange(words, 2, words.length), env, stdin, out, err);
            }
            if (command.equals("audit")) {
                return AdminCommands.verifyAudit(settings, out, err);
            }
            if (command.equals("keys")) {
                return AdminCommands.rotateKeys(settings, out);
            }
            if (command.equals("migrate")) {
                String database = ServerApplication.migrate(settings);
                out.println("Database schema is up to date on " + database + ".");
                return OK;
            }
            ServerApplication app = ServerApplication.start(settings);
            installStopSignals(app);
            return RUNNING;
        } catch (RuntimeException e) {
            log.error("{} failed: {}", command, e.getMessage(), e);
            err.println("VectorFlow could not " + (command.equals("server") ? "start" : "migrate") + ": " + e.getMessage());
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
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
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
