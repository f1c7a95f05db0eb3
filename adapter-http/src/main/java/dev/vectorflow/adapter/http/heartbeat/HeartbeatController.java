package dev.vectorflow.adapter.http.heartbeat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.adapter.http.agent.AgentApi;
import dev.vectorflow.adapter.http.agent.AgentRequests;
import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.ports.in.heartbeat.AgentIdentity;
import dev.vectorflow.ports.in.heartbeat.ReceiveHeartbeatUseCase.HeartbeatOutcome;
import dev.vectorflow.ports.in.heartbeat.ReceiveHeartbeatUseCase.Busy;
import dev.vectorflow.ports.in.heartbeat.ReceiveHeartbeatUseCase.Answered;
import dev.vectorflow.ports.in.heartbeat.LogsAndSamplesCommand;
import dev.vectorflow.ports.in.heartbeat.ReceiveHeartbeatUseCase;
import dev.vectorflow.ports.in.heartbeat.ReceiveLogsAndSamplesUseCase;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** The heartbeat of protocol v1 ({@code POST /api/agent/heartbeat}) and the logs and samples an agent sends apart from it. */
public final class HeartbeatController {

    private final ReceiveHeartbeatUseCase heartbeats;
    private final ReceiveLogsAndSamplesUseCase logsAndSamples;
    private final AgentApi agentApi;
    /** The answer nearly every heartbeat gets (nothing to do), written once for the poll interval it names. */
    private volatile IdleAnswer idle = new IdleAnswer(-1, new byte[0]);

    private record IdleAnswer(long pollIntervalMillis, byte[] bytes) {
    }

    public HeartbeatController(ReceiveHeartbeatUseCase heartbeats, ReceiveLogsAndSamplesUseCase logsAndSamples, AgentApi agentApi) {
        this.heartbeats = heartbeats;
        this.logsAndSamples = logsAndSamples;
        this.agentApi = agentApi;
    }

    public void register(ApiRoutes routes) {
        routes.post("/api/agent/heartbeat", Access.agent(), this::heartbeat);
        routes.post("/api/agent/logs", Access.agent(), this::logs);
        routes.post("/api/agent/samples", Access.agent(), this::samples);
    }

    private void heartbeat(Context ctx) {
        AgentIdentity agent = agentApi.agent(ctx);
        // refused before the report is read: while the write queue is full a refusal must cost next to nothing, or the
        // refusals of a saturated server take the CPU its writer needs to catch up (measured at 150,000 agents)
        Optional<Busy> busy = heartbeats.busy();
        if (busy.isPresent()) {
            throw refusal(busy.get());
        }
        AgentRequests reader = agentApi.reader();
        HeartbeatOutcome outcome = heartbeats.receiveHeartbeat(HeartbeatCommands.toCommand(agent, agentApi.bodies().readStream(ctx,
                reader::heartbeat)));
        answer(ctx, outcome, reader.rejected());
    }

    private void logs(Context ctx) {
        AgentIdentity agent = agentApi.agent(ctx);
        refuseWhileBusy();
        JsonNode body = agentApi.bodies().readTree(ctx);
        AgentRequests reader = agentApi.reader();
        // the array itself, or {"logs": [...]} as in a heartbeat
        JsonNode logs = body.isObject() ? body.get("logs") : body;
        LogsAndSamplesCommand command = new LogsAndSamplesCommand(agent, HeartbeatCommands.logs(reader.logs(logs)), List.of());
        answer(ctx, logsAndSamples.receiveLogsAndSamples(command), reader.rejected());
    }

    private void samples(Context ctx) {
        AgentIdentity agent = agentApi.agent(ctx);
        refuseWhileBusy();
        JsonNode body = agentApi.bodies().readTree(ctx);
        AgentRequests reader = agentApi.reader();
        JsonNode results = body.isObject() ? body.has("results") ? body.get("results") : body.get("sampleResults") : body;
        LogsAndSamplesCommand command = new LogsAndSamplesCommand(agent, List.of(), HeartbeatCommands.samples(reader.samples(results)));
        answer(ctx, logsAndSamples.receiveLogsAndSamples(command), reader.rejected());
    }

    /** Log lines and samples are turned away before their body is read, like a heartbeat. */
    private void refuseWhileBusy() {
        Optional<Busy> busy = logsAndSamples.busy();
        if (busy.isPresent()) {
            throw refusal(busy.get());
        }
    }

    /** The bytes of a nothing-to-do answer, written again only when the poll interval changed. */
    private byte[] idleAnswer(Answered answered) {
        IdleAnswer known = idle;
        long millis = answered.pollInterval().toMillis();
        if (known.pollIntervalMillis() != millis) {
            known = new IdleAnswer(millis, answerBytes(answered, List.of()));
            idle = known;
        }
        return known.bytes();
    }

    private byte[] answerBytes(Answered answered, List<String> rejected) {
        Object body = HeartbeatCommands.toResponse(answered);
        if (!rejected.isEmpty()) {
            ObjectNode tree = agentApi.mapper().valueToTree(body);
            tree.set("rejected", agentApi.mapper().valueToTree(rejected));
            body = tree;
        }
        try {
            return agentApi.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a heartbeat answer", e);
        }
    }

    private void answer(Context ctx, HeartbeatOutcome outcome, List<String> rejected) {
        switch (outcome) {
            case Answered answered -> {
                boolean nothingToDo = rejected.isEmpty() && answered.changes().isEmpty() && answered.oneShots().isEmpty();
                // one write of ready bytes straight to the response: this answer goes out thousands of times a second
                // (as a result the router would copy it through a new 32 KB buffer per answer)
                byte[] bytes = nothingToDo ? idleAnswer(answered) : answerBytes(answered, rejected);
                ctx.contentType("application/json");
                try {
                    ctx.outputStream().write(bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot send a heartbeat answer", e);
                }
            }
            case Busy busy -> throw refusal(busy);
        }
    }

    private static ApiProblem refusal(Busy busy) {
        long seconds = Math.max(1, busy.retryAfter().toSeconds());
        return new ApiProblem(503, "Service Unavailable", "The server is catching up with its writes; retry after " + seconds + " s.",
                List.of()).withHeader("Retry-After", Long.toString(seconds));
    }
}
