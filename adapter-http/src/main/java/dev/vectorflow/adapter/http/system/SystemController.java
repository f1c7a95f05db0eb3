package dev.vectorflow.adapter.http.system;

import dev.vectorflow.ports.in.system.CheckReadinessUseCase;
import dev.vectorflow.ports.in.system.Readiness;
import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/** {@code /api/health} (the process is alive) and {@code /api/ready} (it can serve: database reachable). */
public final class SystemController {

    private final String version;
    private final CheckReadinessUseCase readiness;

    public SystemController(String version, CheckReadinessUseCase readiness) {
        this.version = version;
        this.readiness = readiness;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/health", Access.publicRoute(), this::health);
        routes.get("/api/ready", Access.publicRoute(), this::ready);
    }

    private void health(Context ctx) {
        ctx.header("Cache-Control", "no-store").json(Map.of("status", "UP", "version", version));
    }

    private void ready(Context ctx) {
        Readiness result = readiness.checkReadiness();
        ctx.header("Cache-Control", "no-store")
                .status(result.ready() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .json(Map.of("ready", result.ready(), "checks", result.checks()));
    }
}
