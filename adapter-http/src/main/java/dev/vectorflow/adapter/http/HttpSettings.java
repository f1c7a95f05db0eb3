package dev.vectorflow.adapter.http;

import java.time.Duration;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * How the HTTP server listens and behaves. The agent rate limits are read at every request (they follow the settings
 * store without a restart).
 */
public record HttpSettings(String host, int port, long maxRequestBytes, Duration shutdownGrace, String version, boolean trustProxyHeaders,
                           IntSupplier agentRequestsPerMinute, IntSupplier enrollmentsPerMinutePerAddress) {

    /** Requests a minute one node may make (bursts up to the same number), by default. */
    public static final int DEFAULT_AGENT_REQUESTS_PER_MINUTE = 120;
    /** Enrollments a minute from one client address, by default. */
    public static final int DEFAULT_ENROLLMENTS_PER_MINUTE = 30;

    /** Settings for a server reached directly (no proxy headers trusted). */
    public HttpSettings(String host, int port, long maxRequestBytes, Duration shutdownGrace, String version) {
        this(host, port, maxRequestBytes, shutdownGrace, version, false);
    }

    /** Settings with the default agent rate limits. */
    public HttpSettings(String host, int port, long maxRequestBytes, Duration shutdownGrace, String version, boolean trustProxyHeaders) {
        this(host, port, maxRequestBytes, shutdownGrace, version, trustProxyHeaders, () -> DEFAULT_AGENT_REQUESTS_PER_MINUTE,
                () -> DEFAULT_ENROLLMENTS_PER_MINUTE);
    }

    public HttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(version, "version");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 but was " + port);
        }
        Objects.requireNonNull(agentRequestsPerMinute, "agentRequestsPerMinute");
        Objects.requireNonNull(enrollmentsPerMinutePerAddress, "enrollmentsPerMinutePerAddress");
        if (agentRequestsPerMinute.getAsInt() < 1 || enrollmentsPerMinutePerAddress.getAsInt() < 1) {
            throw new IllegalArgumentException("rate limits must be positive");
        }
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("maxRequestBytes must be positive but was " + maxRequestBytes);
        }
    }
}
