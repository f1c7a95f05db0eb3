package dev.vectorflow.adapter.http.planted;

import dev.vectorflow.app.ServerApplication;

/** Planted violation: an adapter reaching back into app-server. */
public class HttpUsingTheCompositionRoot {
    public int port(ServerApplication app) {
        return app.port();
    }
}
