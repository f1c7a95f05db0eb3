package dev.vectorflow.app;

import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The launcher's commands and their options, parsed by picocli; {@link VectorFlowCli} runs the one given. */
final class Commands {

    private Commands() {
    }

    /** A command that does something (as opposed to a group such as {@code admin}). */
    sealed interface Runnable permits Server, Migrate, AdminCreate, AuditVerify, KeysRotate {
        String name();

        /** VF_ variables this command reads besides the server settings (so they are not reported as typos). */
        default Set<String> extraVariables() {
            return Set.of();
        }
    }

    /** {@code -h}/{@code --help} on every command. */
    static final class HelpOption {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;
    }

    @Command(name = "vectorflow", subcommands = {Server.class, Migrate.class, Admin.class, Audit.class, Keys.class})
    static final class Root {
    }

    @Command(name = "server", description = "Start the VectorFlow server (web UI and API); applies the database schema first. Configured by VF_* variables.")
    static final class Server implements Runnable {
        @Mixin
        HelpOption help;

        @Override
        public String name() {
            return "server";
        }
    }

    @Command(name = "migrate", description = "Apply the database schema and exit.")
    static final class Migrate implements Runnable {
        @Mixin
        HelpOption help;

        @Override
        public String name() {
            return "migrate";
        }
    }

    @Command(name = "admin", description = "Administer accounts.", subcommands = AdminCreate.class)
    static final class Admin {
        @Mixin
        HelpOption help;

    }

    @Command(name = "create", description = "Create a platform admin; the password comes from VF_ADMIN_PASSWORD or the first line of standard input.")
    static final class AdminCreate implements Runnable {
        @Mixin
        HelpOption help;

        @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "the admin's e-mail address (sign-in name)")
        String email;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "the admin's name, e.g. \"Ops Team\" (quoted when it has spaces)")
        String name;

        @Override
        public String name() {
            return "admin create";
        }

        @Override
        public Set<String> extraVariables() {
            return Set.of("VF_ADMIN_PASSWORD");
        }
    }

    @Command(name = "audit", description = "Work with the audit log.", subcommands = AuditVerify.class)
    static final class Audit {
        @Mixin
        HelpOption help;

    }

    @Command(name = "verify", description = "Walk the audit log's hash chain; exit 1 and name the first broken link if any.")
    static final class AuditVerify implements Runnable {
        @Mixin
        HelpOption help;

        @Override
        public String name() {
            return "audit verify";
        }
    }

    @Command(name = "keys", description = "Work with the key ring.", subcommands = KeysRotate.class)
    static final class Keys {
        @Mixin
        HelpOption help;

    }

    @Command(name = "rotate", description = "Add a data key to the key ring and re-seal every secret and certificate with it (against an embedded database, stop the server first).")
    static final class KeysRotate implements Runnable {
        @Mixin
        HelpOption help;

        @Override
        public String name() {
            return "keys rotate";
        }
    }
}
