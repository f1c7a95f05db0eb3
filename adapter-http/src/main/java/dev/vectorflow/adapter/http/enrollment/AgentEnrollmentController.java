package dev.vectorflow.adapter.http.enrollment;

import dev.vectorflow.adapter.http.agent.AgentApi;
import dev.vectorflow.adapter.http.agent.AgentRequests;
import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.error.FieldProblem;
import dev.vectorflow.core.failure.RejectedCredentialsFailure;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.ports.in.enrollment.EnrollNodeCommand;
import dev.vectorflow.ports.in.enrollment.EnrollNodeUseCase;
import dev.vectorflow.ports.in.enrollment.EnrolledNode;
import dev.vectorflow.ports.protocol.EnrollRequest;
import dev.vectorflow.ports.protocol.EnrollResponse;
import io.javalin.http.Context;

/** Enrollment of protocol v1 ({@code POST /api/agent/enroll}): an agent trades an enrollment token for its node token. */
public final class AgentEnrollmentController {

    private final EnrollNodeUseCase enrollment;
    private final AgentApi agentApi;

    public AgentEnrollmentController(EnrollNodeUseCase enrollment, AgentApi agentApi) {
        this.enrollment = enrollment;
        this.agentApi = agentApi;
    }

    public void register(ApiRoutes routes) {
        routes.post("/api/agent/enroll", Access.agentEnrollment(), this::enroll);
    }

    private void enroll(Context ctx) throws RejectedCredentialsFailure {
        agentApi.limitEnrollments(ctx);
        AgentRequests reader = agentApi.reader();
        EnrollRequest request = reader.enroll(agentApi.bodies().readTree(ctx));
        if (!reader.rejected().isEmpty()) {
            throw ApiProblem.invalid(reader.rejected().stream().map(r -> new FieldProblem(r.split(":", 2)[0], r)).toList());
        }
        EnrolledNode enrolled = enrollment.enrollNode(new EnrollNodeCommand(request.token(), request.hostname(), request.os(),
                request.agentVersion(), request.vectorVersion(), Labels.of(request.labels()), agentApi.clientAddress(ctx)));
        ctx.json(new EnrollResponse(enrolled.nodeId().toString(), enrolled.nodeToken().text(), enrolled.environmentId().toString(),
                enrolled.environmentName(), enrolled.pollInterval().toMillis()));
    }
}
