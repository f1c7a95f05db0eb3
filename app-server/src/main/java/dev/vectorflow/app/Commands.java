package dev.vectorflow.app;

import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The launcher's commands and their options, parsed by picocli; {@link VectorFlowCli} runs the one given. */
final class Commands {

    private Commands() {
    }

    /** A command that does something (as opposed to a group such as {@code admin}). */
    sealed interface Runnable permits Server, Migrate, AdminCreate, AuditVerify, KeysRotate, KeysExport, BackupCreate, BackupList, BackupRestore,
            ReleaseKeygen, ReleaseSign {
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

    @Command(name = "vectorflow", subcommands = {Server.class, Migrate.class, Admin.class, Audit.class, Keys.class, Backup.class,
            Release.class})
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

    @Command(name = "keys", description = "Work with the key ring.", subcommands = {KeysRotate.class, KeysExport.class})
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

    @Command(name = "export", description = "Print the master key (as VF_MASTER_KEY takes it) to keep it apart from the backups: without"
            + " it no backup's secrets can be opened. Never creates a key.")
    static final class KeysExport implements Runnable {
        @Mixin
        HelpOption help;

        @Override
        public String name() {
            return "keys export";
        }
    }

    @Command(name = "backup", description = "Back up and restore the database (VF_BACKUP_* say where backups go).",
            subcommands = {BackupCreate.class, BackupList.class, BackupRestore.class})
    static final class Backup {
        @Mixin
        HelpOption help;

    }

    @Command(name = "create", description = "Take a backup now: every table in one consistent snapshot, compressed, with a manifest and a"
            + " SHA-256 checksum, into the configured storage. Secrets stay sealed; the master key is never in a backup (keep it separately).")
    static final class BackupCreate implements Runnable {
        @Mixin
        HelpOption help;

        @Option(names = "--without-telemetry", description = "leave out metric rollups, pipeline logs and event samples (large, rebuildable)")
        boolean withoutTelemetry;

        @Override
        public String name() {
            return "backup create";
        }
    }

    @Command(name = "list", description = "List the backups: recorded runs (failed ones too) and the files in the configured storage.")
    static final class BackupList implements Runnable {
        @Mixin
        HelpOption help;

        @Override
        public String name() {
            return "backup list";
        }
    }

    @Command(name = "restore", description = "Restore a backup into an empty database, or over the existing one after taking a pre-restore"
            + " backup of it. Refuses a damaged file, a backup of a newer schema, and a master key that cannot open the backup's key ring."
            + " With the embedded database, stop the server first.")
    static final class BackupRestore implements Runnable {
        @Mixin
        HelpOption help;

        @Parameters(index = "0", paramLabel = "FILE|NAME", description = "a backup file, or the name of a backup in the configured storage"
                + " (for S3: the last part of its key, or s3://bucket/prefix/name)")
        String source;

        @Option(names = "--dry-run", description = "only verify: checksum, manifest, schema, master key; show the counts; change nothing")
        boolean dryRun;

        @Override
        public String name() {
            return "backup restore";
        }
    }

    @Command(name = "release", description = "Sign agent releases (the agent checks them with VF_UPDATE_PUBLIC_KEY).",
            subcommands = {ReleaseKeygen.class, ReleaseSign.class})
    static final class Release {
        @Mixin
        HelpOption help;

    }

    @Command(name = "keygen", description = "Write a new ed25519 release signing key (PKCS#8 PEM, 0600; never overwrites) and print"
            + " its public key as VF_UPDATE_PUBLIC_KEY takes it.")
    static final class ReleaseKeygen implements Runnable {
        @Mixin
        HelpOption help;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the private key")
        java.nio.file.Path out;

        @Override
        public String name() {
            return "release keygen";
        }
    }

    @Command(name = "sign", description = "Sign an agent jar and print the agent release to register (POST /api/agent-releases):"
            + " version, downloadUrl, sha256 checksum and base64 ed25519 signature.")
    static final class ReleaseSign implements Runnable {
        @Mixin
        HelpOption help;

        @Option(names = "--key", required = true, paramLabel = "FILE", description = "the private key (PKCS#8 PEM: release keygen or openssl genpkey -algorithm ed25519)")
        java.nio.file.Path key;

        @Option(names = "--jar", required = true, paramLabel = "FILE", description = "the agent jar to sign")
        java.nio.file.Path jar;

        @Option(names = "--version", required = true, paramLabel = "VERSION", description = "the release's version, as the agent jar reports it")
        String version;

        @Option(names = "--download-url", paramLabel = "URL", description = "the https address agents will download the jar from")
        String downloadUrl;

        @Option(names = "--output", paramLabel = "FILE", description = "write the release JSON there instead of standard output")
        java.nio.file.Path output;

        @Override
        public String name() {
            return "release sign";
        }
    }
}
