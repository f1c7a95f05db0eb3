package dev.vectorflow.adapter.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiRoutesTest {

    private static final Handler NOTHING = ctx -> { };

    private static Endpoint endpoint(HandlerType method, String path) {
        return new Endpoint(method, path, NOTHING, Set.of(Access.publicRoute()));
    }

    @Test
    void givenRoutesInAnyOrder_whenHandedToTheRouter_thenTheAgentApiAndHealthCheckComeFirstAndTheRestKeepsItsOrder() {
        List<Endpoint> declared = List.of(
                endpoint(HandlerType.GET, "/api/pipelines/{pipelineId}"),
                endpoint(HandlerType.POST, "/api/agent/heartbeat"),
                endpoint(HandlerType.GET, "/api/ready"),
                endpoint(HandlerType.GET, "/api/health"),
                endpoint(HandlerType.POST, "/api/pipelines"),
                endpoint(HandlerType.GET, "/api/agent/config"),
                endpoint(HandlerType.GET, "/api/agent/{anything}"));

        List<String> order = ApiRoutes.registrationOrder(declared).stream().map(e -> e.method + " " + e.path).toList();

        assertThat(order).containsExactly(
                "POST /api/agent/heartbeat", "GET /api/health", "GET /api/agent/config",
                "GET /api/pipelines/{pipelineId}", "GET /api/ready", "POST /api/pipelines", "GET /api/agent/{anything}");
    }
}
