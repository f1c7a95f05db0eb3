package dev.vectorflow.adapter.postgres.fleet;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.ports.out.fleet.FleetCache;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Duration;

/**
 * {@link FleetChanges} through PostgreSQL itself: a change drops this server's cache entries at once and sends
 * {@code NOTIFY vf_fleet} in the same transaction, which every server (this one too) receives on commit through a
 * dedicated {@code LISTEN} connection and turns into cache drops. After the listening connection was lost, the whole
 * cache is dropped, since notices may have been missed.
 */
public final class PostgresFleetChanges implements FleetChanges, dev.vectorflow.ports.out.settings.SettingsChanges, AutoCloseable {

    public static final String CHANNEL = "vf_fleet";
    /** The notice a restore sends in its transaction. */
    public static final String RESTORED = "restored";
    /** The notice of a change to the settings store or the OpenID Connect providers. */
    public static final String SETTINGS = "settings";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresFleetChanges.class);

    /** Opens a connection that is not part of the pool (LISTEN holds it for the life of the server). */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final Supplier<DSLContext> dsl;
    private final FleetCache cache;
    private final ConnectionSource connections;
    private final Thread listener;
    private volatile boolean running = true;
    private volatile Connection listening;
    private volatile boolean connected;
    private volatile boolean everConnected;
    private final java.util.List<Runnable> afterRestore = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<Runnable> afterSettings = new java.util.concurrent.CopyOnWriteArrayList<>();

    public PostgresFleetChanges(Supplier<DSLContext> dsl, FleetCache cache, ConnectionSource connections) {
        this.dsl = dsl;
        this.cache = cache;
        this.connections = connections;
        this.listener = Thread.ofPlatform().name("vf-fleet-listener").daemon(true).start(this::listen);
    }

    @Override
    public void environmentChanged(EnvironmentId environment) {
        cache.forgetEnvironment(environment);
        dsl.get().execute("select pg_notify(?, ?)", CHANNEL, "env:" + environment.value());
    }

    @Override
    public void nodeChanged(NodeId node) {
        cache.forgetNode(node);
        dsl.get().execute("select pg_notify(?, ?)", CHANNEL, "node:" + node.value());
    }

    @Override
    public void settingsChanged() {
        dsl.get().execute("select pg_notify(?, ?)", CHANNEL, SETTINGS);
    }

    /** Runs {@code reload} after settings changed (on any server), and after notices may have been missed. */
    public void onSettingsChanged(Runnable reload) {
        afterSettings.add(reload);
    }

    /** Runs {@code refresh} whenever a restore replaced the database (on this server or another); the cache is dropped first. */
    public void onRestored(Runnable refresh) {
        afterRestore.add(refresh);
    }

    /** True while the LISTEN connection is up (tests wait for it). */
    public boolean listening() {
        return connected;
    }

    /** Waits until notices are received (so that a cache filled afterwards misses no change); false on time-out. */
    public boolean awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!connected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return connected;
    }

    private void listen() {
        long backoff = 500;
        while (running) {
            try (Connection c = connections.open()) {
                listening = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                if (everConnected) {
                    // whatever changed while we were not listening is unknown
                    cache.forgetAll();
                    runAll(afterSettings);
                }
                everConnected = true;
                connected = true;
                backoff = 500;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notices = pg.getNotifications(1000);
                    if (notices != null) {
                        for (PGNotification notice : notices) {
                            apply(notice.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                connected = false;
                if (!running) {
                    return;
                }
                LOG.warn("fleet change notices interrupted ({}); caches dropped, reconnecting in {} ms", e.getMessage(), backoff);
                cache.forgetAll();
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void apply(String notice) {
        try {
            if (notice.startsWith("env:")) {
                cache.forgetEnvironment(new EnvironmentId(UUID.fromString(notice.substring(4))));
            } else if (notice.startsWith("node:")) {
                cache.forgetNode(new NodeId(UUID.fromString(notice.substring(5))));
            } else if (notice.equals(SETTINGS)) {
                runAll(afterSettings);
            } else if (notice.equals(RESTORED)) {
                cache.forgetAll();
                runAll(afterRestore);
            } else {
                cache.forgetAll();
            }
        } catch (IllegalArgumentException e) {
            cache.forgetAll();
        }
    }

    private static void runAll(java.util.List<Runnable> refreshes) {
        for (Runnable refresh : refreshes) {
            try {
                refresh.run();
            } catch (RuntimeException e) {
                LOG.warn("refreshing after a change notice failed: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        Connection c = listening;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        listener.interrupt();
    }
}
