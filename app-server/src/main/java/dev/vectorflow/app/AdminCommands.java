package dev.vectorflow.app;

import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.Password;
import dev.vectorflow.core.identity.PersonName;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.audit.AuditQueries;
import dev.vectorflow.ports.in.secret.RotateKeysUseCase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import dev.vectorflow.core.access.Actor;

/** The operator commands that work on the database directly: {@code admin create}, {@code audit verify}, {@code keys rotate}. */
final class AdminCommands {

    private AdminCommands() {
    }

    static int createAdmin(ServerSettings settings, String emailText, String nameText, Map<String, String> env, InputStream stdin,
                           PrintStream out, PrintStream err) {
        Email email;
        PersonName name;
        Password password;
        try {
            email = new Email(emailText);
            name = new PersonName(nameText);
            String raw = env.get("VF_ADMIN_PASSWORD");
            if (raw == null) {
                raw = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            }
            if (raw == null) {
                err.println("Give the password in VF_ADMIN_PASSWORD or on standard input.");
                return VectorFlowCli.USAGE;
            }
            password = new Password(raw).requireStrongEnough();
        } catch (InvalidValueException e) {
            err.println("Invalid " + e.getMessage());
            return VectorFlowCli.BAD_CONFIG;
        } catch (IOException e) {
            err.println("Cannot read the password from standard input: " + e.getMessage());
            return VectorFlowCli.FAILED;
        }
        try (PostgresStore store = PostgresStore.open(ServerApplication.databaseSettings(settings), true)) {
            ServerComposition services = new ServerComposition(store, Clock.systemUTC(), settings);
            User admin = services.setup.createPlatformAdmin(email, name, password);
            out.println("Created platform admin " + admin.email() + " (" + admin.id() + ").");
            return VectorFlowCli.OK;
        } catch (ConflictFailure e) {
            err.println(e.getMessage() + ".");
            return VectorFlowCli.FAILED;
        }
    }

    static int rotateKeys(ServerSettings settings, PrintStream out) {
        try (PostgresStore store = PostgresStore.open(ServerApplication.databaseSettings(settings), true)) {
            RotateKeysUseCase.Rotation rotation = new ServerComposition(store, Clock.systemUTC(), settings).keyRing
                    .rotateKeys(Actor.commandLine());
            out.println("Key ring rotated: new primary data key " + rotation.newKeyId() + "; re-sealed " + rotation.secretsResealed()
                    + " secret(s) and " + rotation.certificatesResealed() + " certificate(s); " + rotation.keysInRing()
                    + " key(s) in the ring (older keys still open values until retired).");
            return VectorFlowCli.OK;
        }
    }

    static int verifyAudit(ServerSettings settings, PrintStream out, PrintStream err) {
        try (PostgresStore store = PostgresStore.open(ServerApplication.databaseSettings(settings), true)) {
            AuditQueries.Verification result = new ServerComposition(store, Clock.systemUTC(), settings).audit.verify();
            if (result.firstBrokenLink().isPresent()) {
                err.println("Audit log BROKEN after " + result.entriesChecked() + " entries: " + result.firstBrokenLink().get());
                return VectorFlowCli.FAILED;
            }
            out.println("Audit log intact: " + result.entriesChecked() + " entries, every link verified.");
            return VectorFlowCli.OK;
        }
    }

    static int exportKey(ServerSettings settings, PrintStream out, PrintStream err) {
        java.nio.file.Path file = dev.vectorflow.adapter.crypto.MasterKeySource.defaultKeyFile(settings.dataDirectory());
        if (settings.masterKey().isEmpty() && !java.nio.file.Files.exists(file)) {
            err.println("There is no master key yet: VF_MASTER_KEY is not set and " + file + " does not exist (the first server start"
                    + " creates it).");
            return VectorFlowCli.FAILED;
        }
        byte[] key = new dev.vectorflow.adapter.crypto.MasterKeySource(new java.security.SecureRandom()).load(settings.masterKey(), file).bytes();
        out.println(java.util.Base64.getEncoder().encodeToString(key));
        err.println("That is the master key, as VF_MASTER_KEY takes it. Keep it in a password manager or secret store, apart from the"
                + " backups: with it anyone holding a backup can open its secrets, and without it no one can.");
        return VectorFlowCli.OK;
    }
}
