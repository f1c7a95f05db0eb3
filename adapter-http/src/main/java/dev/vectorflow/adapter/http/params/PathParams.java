package dev.vectorflow.adapter.http.params;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import io.javalin.http.Context;

/** The typed ids in the paths of the API ({@code {id}} of an environment, {@code {nodeId}}, {@code {pipelineId}}); a malformed one is a 400. */
public final class PathParams {

    private PathParams() {
    }

    public static EnvironmentId environmentId(Context ctx) {
        return EnvironmentId.parse("id", ctx.pathParam("id"));
    }

    public static NodeId nodeId(Context ctx) {
        return NodeId.parse("nodeId", ctx.pathParam("nodeId"));
    }

    public static PipelineId pipelineId(Context ctx) {
        return PipelineId.parse("pipelineId", ctx.pathParam("pipelineId"));
    }
}
