package dev.vectorflow.bench.chaos.planted;

import dev.vectorflow.app.ServerSettings;
import java.util.Map;

/** Planted violation: a fault harness starting the server in its own JVM, where a kill -9 would take the harness along. */
public class ChaosLinkingTheServer {
    public Object settings() {
        return ServerSettings.fromEnvironment(Map.of());
    }
}
