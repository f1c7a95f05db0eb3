package dev.vectorflow.adapter.http.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.adapter.http.auth.RequestGuard;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.in.heartbeat.AgentIdentity;
import dev.vectorflow.ports.in.heartbeat.AuthenticateAgentUseCase;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntSupplier;

/**
 * What every call of the agent API under {@code /api/agent} shares: its larger body limit, the node token check and the
 * rate limits (per node, and per address for enrollments). User sessions and API tokens are never accepted here.
 */
public final class AgentApi {

    /** Body limit of the agent API (protocol v1). */
    public static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

    private final AuthenticateAgentUseCase authenticate;
    private final ObjectMapper mapper;
    private final JsonBodyReader bodies;
    private final RequestGuard guard;
    private final RateLimiter perNode;
    private final RateLimiter perAddress;

    public AgentApi(AuthenticateAgentUseCase authenticate, ObjectMapper mapper, RequestGuard guard, IntSupplier requestsPerMinutePerNode,
                    IntSupplier enrollmentsPerMinutePerAddress) {
        this.authenticate = authenticate;
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

    public ObjectMapper mapper() {
        return mapper;
    }

    /** A fresh lenient reader of protocol bodies for one request. */
    public AgentRequests reader() {
        return new AgentRequests(mapper);
    }

    public String clientAddress(Context ctx) {
        return guard.clientAddress(ctx);
    }

    /** The calling node, by the bearer node token; 401 without a valid one, 429 when the node calls too often. */
    public AgentIdentity agent(Context ctx) {
        String authorization = ctx.header("Authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : null;
        Optional<AgentIdentity> agent = token == null ? Optional.empty() : authenticate.authenticate(token);
        if (agent.isEmpty()) {
            throw new ApiProblem(401, "Unauthorized", "The node token is missing, unknown or revoked; re-enroll this node.", List.of());
        }
        perNode.acquire(agent.get().nodeId()).ifPresent(wait -> tooMany(wait, "node"));
        return agent.get();
    }

    /** 429 when this address enrolls too often. */
    public void limitEnrollments(Context ctx) {
        perAddress.acquire(clientAddress(ctx)).ifPresent(wait -> tooMany(wait, "address"));
    }

    /** A pipeline id as the agent wrote it; empty when it cannot be one. */
    public static Optional<PipelineId> pipelineId(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PipelineId(UUID.fromString(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void tooMany(Duration wait, String who) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        throw new ApiProblem(429, "Too Many Requests", "Too many requests from this " + who + "; retry after " + seconds + " s.", List.of())
                .withHeader("Retry-After", Long.toString(seconds));
    }
}
