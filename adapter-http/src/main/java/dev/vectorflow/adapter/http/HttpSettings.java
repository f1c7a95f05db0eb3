package dev.vectorflow.adapter.http;

import java.time.Duration;
import java.util.Objects;

/** How the HTTP server listens and behaves. */
public record HttpSettings(String host, int port, long maxRequestBytes, Duration shutdownGrace, String version, boolean trustProxyHeaders) {

    /** Settings for a server reached directly (no proxy headers trusted). */
    public HttpSettings(String host, int port, long maxRequestBytes, Duration shutdownGrace, String version) {
        this(host, port, maxRequestBytes, shutdownGrace, version, false);
    }

    public HttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(version, "version");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 but was " + port);
        }
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("maxRequestBytes must be positive but was " + maxRequestBytes);
        }
    }
}
