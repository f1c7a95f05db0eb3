package dev.vectorflow.bench.chaos;

import dev.vectorflow.adapter.postgres.EmbeddedPostgresServer;
import java.nio.file.Path;

/**
 * The fault harness's PostgreSQL in a JVM of its own: {@code PostgresProcess <data directory> <port>} starts the embedded
 * PostgreSQL 17 on that cluster and port, prints {@code ready}, and stops it on SIGTERM. Its own process so that the
 * harness can stop and start the database under the servers like an operator would, and so that its classpath can
 * leave out the server jar (whose manifest would bring the PostgreSQL binaries a second time).
 */
public final class PostgresProcess {

    private PostgresProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), Integer.parseInt(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-stop"));
        System.out.println("ready on port " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
