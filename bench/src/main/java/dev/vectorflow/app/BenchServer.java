package dev.vectorflow.app;

import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.Password;
import dev.vectorflow.core.identity.PersonName;
import java.util.Map;

/**
 * The real server for benchmarks, started in this JVM like {@code vectorflow server} starts it, with a first platform admin
 * made directly (what {@code vectorflow admin create} does). In the server's package because the setup service is not public.
 */
public final class BenchServer {

    private BenchServer() {
    }

    /** Starts the server with the given {@code VF_*} settings and makes the platform admin; returns it running. */
    public static ServerApplication start(Map<String, String> env, String adminEmail, String adminPassword) {
        ServerApplication app = ServerApplication.start(ServerSettings.fromEnvironment(env));
        try {
            app.services().setup.createPlatformAdmin(new Email(adminEmail), new PersonName("Bench"), new Password(adminPassword));
        } catch (ConflictFailure e) {
            app.close();
            throw new IllegalStateException("a platform admin exists already: " + e.getMessage(), e);
        }
        return app;
    }
}
