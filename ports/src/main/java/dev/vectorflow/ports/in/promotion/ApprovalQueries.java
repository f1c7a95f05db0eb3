package dev.vectorflow.ports.in.promotion;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.pipeline.diff.GraphDiff;
import dev.vectorflow.core.promotion.ApprovalRequest;
import dev.vectorflow.core.promotion.ApprovalRequestId;
import dev.vectorflow.core.promotion.ApprovalState;
import java.util.List;
import java.util.Optional;

/** Reads of approval requests, each with its state as of now and the diff it would bring. */
public interface ApprovalQueries {

    /** At most this many requests per list. */
    int MAX_LIST = 100;

    /** A request, its current state, the pipeline's name and the diff of what it would change. */
    record ApprovalView(ApprovalRequest request, ApprovalState state, String pipelineName, GraphDiff diff) {
    }

    /** The environment's requests, newest first, in {@code state} when given; at most {@code limit} (capped at {@link #MAX_LIST}). */
    List<ApprovalView> approvals(EnvironmentId environment, Optional<ApprovalState> state, int limit) throws NotFoundFailure;

    ApprovalView approval(EnvironmentId environment, ApprovalRequestId id) throws NotFoundFailure;
}
