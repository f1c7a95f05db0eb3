package dev.vectorflow.adapter.http.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.RequestGuard;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.error.FieldProblem;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.failure.RejectedCredentialsFailure;
import dev.vectorflow.ports.in.agent.EnrollRequest;
import dev.vectorflow.ports.in.fleet.EnrollNodeUseCase;
import dev.vectorflow.ports.in.fleet.ServeAgentUseCase;
import dev.vectorflow.ports.in.fleet.ServeAgentUseCase.AgentIdentity;
import dev.vectorflow.ports.in.fleet.ServeAgentUseCase.HeartbeatOutcome;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The agent API of protocol v1 under {@code /api/agent}: enroll with an enrollment token, then heartbeat, config,
 * desired state, logs and samples with the node token. User sessions and API tokens are never accepted here.
 */
public final class AgentController {

    /** Body limit of the agent API (protocol v1). */
    public static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

    private final EnrollNodeUseCase enrollment;
    private final ServeAgentUseCase agents;
    private final JsonBodyReader bodies;
    private final ObjectMapper mapper;
    private final RequestGuard guard;
    private final RateLimiter perNode;
    private final RateLimiter perAddress;

    public AgentController(EnrollNodeUseCase enrollment, ServeAgentUseCase agents, ObjectMapper mapper, RequestGuard guard,
                           java.util.function.IntSupplier requestsPerMinutePerNode, java.util.function.IntSupplier enrollmentsPerMinutePerAddress) {
        this.enrollment = enrollment;
        this.agents = agents;
        this.mapper = mapper;
        this.bodies = new JsonBodyReader(mapper, MAX_BODY_BYTES);
        this.guard = guard;
        this.perNode = new RateLimiter(requestsPerMinutePerNode);
        this.perAddress = new RateLimiter(enrollmentsPerMinutePerAddress);
    }

    /** The body reader for agent routes (their limit is larger than the rest of the API's). */
    public JsonBodyReader bodies() {
        return bodies;
    }

    public void register(ApiRoutes routes) {
        routes.post("/api/agent/enroll", Access.agentEnrollment(), this::enroll);
        routes.post("/api/agent/heartbeat", Access.agent(), this::heartbeat);
        routes.post("/api/agent/config", Access.agent(), this::config);
        routes.get("/api/agent/config", Access.agent(), this::desiredState);
        routes.post("/api/agent/logs", Access.agent(), this::logs);
        routes.post("/api/agent/samples", Access.agent(), this::samples);
    }

    private static void tooMany(Duration wait, String who) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        throw new ApiProblem(429, "Too Many Requests", "Too many requests from this " + who + "; retry after " + seconds + " s.", List.of())
                .withHeader("Retry-After", Long.toString(seconds));
    }

    private AgentIdentity agent(Context ctx) {
        String authorization = ctx.header("Authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : null;
        Optional<AgentIdentity> agent = token == null ? Optional.empty() : agents.authenticate(token);
        if (agent.isEmpty()) {
            throw new ApiProblem(401, "Unauthorized", "The node token is missing, unknown or revoked; re-enroll this node.", List.of());
        }
        perNode.acquire(agent.get().nodeId().toString()).ifPresent(wait -> tooMany(wait, "node"));
        return agent.get();
    }

    private void enroll(Context ctx) throws RejectedCredentialsFailure {
        perAddress.acquire(guard.clientAddress(ctx)).ifPresent(wait -> tooMany(wait, "address"));
        AgentRequests reader = new AgentRequests(mapper);
        EnrollRequest request = reader.enroll(bodies.readTree(ctx));
        if (!reader.rejected().isEmpty()) {
            throw ApiProblem.invalid(reader.rejected().stream().map(r -> new FieldProblem(r.split(":", 2)[0], r)).toList());
        }
        ctx.json(enrollment.enroll(request, guard.clientAddress(ctx)));
    }

    private void heartbeat(Context ctx) {
        AgentIdentity agent = agent(ctx);
        AgentRequests reader = new AgentRequests(mapper);
        answer(ctx, agents.heartbeat(agent, bodies.readStream(ctx, reader::heartbeat)), reader.rejected());
    }

    private void answer(Context ctx, HeartbeatOutcome outcome, List<String> rejected) {
        switch (outcome) {
            case ServeAgentUseCase.Answered answered -> {
                Object body = answered.response();
                if (!rejected.isEmpty()) {
                    ObjectNode tree = mapper.valueToTree(answered.response());
                    tree.set("rejected", mapper.valueToTree(rejected));
                    body = tree;
                }
                // one write of ready bytes: this answer goes out thousands of times a second
                try {
                    ctx.contentType("application/json").result(mapper.writeValueAsBytes(body));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("cannot write a heartbeat answer", e);
                }
            }
            case ServeAgentUseCase.Busy busy -> throw new ApiProblem(503, "Service Unavailable",
                    "The server is catching up with its writes; retry after " + busy.retryAfter().toSeconds() + " s.", List.of())
                    .withHeader("Retry-After", Long.toString(Math.max(1, busy.retryAfter().toSeconds())));
        }
    }

    private void config(Context ctx) throws NotFoundFailure {
        AgentIdentity agent = agent(ctx);
        ctx.json(agents.config(agent, new AgentRequests(mapper).config(bodies.readTree(ctx))));
    }

    private void desiredState(Context ctx) {
        ctx.json(agents.desiredState(agent(ctx)));
    }

    private void logs(Context ctx) {
        AgentIdentity agent = agent(ctx);
        JsonNode body = bodies.readTree(ctx);
        AgentRequests reader = new AgentRequests(mapper);
        // the array itself, or {"logs": [...]} as in a heartbeat
        JsonNode logs = body.isObject() ? body.get("logs") : body;
        answer(ctx, agents.acceptLogs(agent, reader.logs(logs)), reader.rejected());
    }

    private void samples(Context ctx) {
        AgentIdentity agent = agent(ctx);
        JsonNode body = bodies.readTree(ctx);
        AgentRequests reader = new AgentRequests(mapper);
        JsonNode results = body.isObject() ? body.has("results") ? body.get("results") : body.get("sampleResults") : body;
        answer(ctx, agents.acceptSamples(agent, reader.samples(results)), reader.rejected());
    }
}
