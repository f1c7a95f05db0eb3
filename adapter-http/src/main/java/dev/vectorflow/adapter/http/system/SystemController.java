package dev.vectorflow.adapter.http.system;

import dev.vectorflow.ports.in.system.CheckReadinessUseCase;
import dev.vectorflow.ports.in.system.Readiness;
import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import dev.vectorflow.ports.in.system.ServerStatsQueries;

/** {@code /api/health} (the process is alive), {@code /api/ready} (it can serve: database reachable) and {@code /api/system/stats}. */
public final class SystemController {

    private final String version;
    private final CheckReadinessUseCase readiness;
    private final ServerStatsQueries stats;

    public SystemController(String version, CheckReadinessUseCase readiness, ServerStatsQueries stats) {
        this.version = version;
        this.readiness = readiness;
        this.stats = stats;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/health", Access.publicRoute(), this::health);
        routes.get("/api/ready", Access.publicRoute(), this::ready);
        routes.get("/api/system/stats", Access.platformAdmin(), ctx -> ctx.json(stats.stats()));
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
