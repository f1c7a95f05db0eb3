package dev.vectorflow.ports.service.telemetry;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.telemetry.LogsAndSamplesQueries;
import dev.vectorflow.ports.out.node.NodeActionRepository;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.telemetry.EventSample;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository.StoredLogLine;
import java.util.List;
import java.util.Optional;

/** Answers a node's log lines and how far a sample request got. */
public final class LogsAndSamplesQueryService implements LogsAndSamplesQueries {


    private final Transactions transactions;
    private final NodeRepository nodes;
    private final NodeActionRepository actions;
    private final TelemetryRepository telemetry;

    public LogsAndSamplesQueryService(Transactions transactions, NodeRepository nodes, NodeActionRepository actions, TelemetryRepository telemetry) {
        this.transactions = transactions;
        this.nodes = nodes;
        this.actions = actions;
        this.telemetry = telemetry;
    }

    private void requireNode(NodeId id) throws NotFoundFailure {
        nodes.findById(id).orElseThrow(() -> new NotFoundFailure("Node", id));
    }

    @Override
    public List<StoredLogLine> logs(NodeId id, Optional<PipelineId> pipeline, long afterSeq, int limit) throws NotFoundFailure {
        if (limit < 1 || limit > MAX_LOG_LINES) {
            throw new InvalidValueException("limit", "must be between 1 and " + MAX_LOG_LINES + " but was " + limit);
        }
        return transactions.inTransaction(() -> {
            requireNode(id);
            return telemetry.logs(id, pipeline, afterSeq, limit);
        });
    }

    @Override
    public SampleStatus sample(NodeId id, String requestId) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            requireNode(id);
            Optional<OneShotAction.Sample> request = actions.pending(id).stream()
                    .filter(a -> a instanceof OneShotAction.Sample s && s.requestId().equals(requestId))
                    .map(OneShotAction.Sample.class::cast).findFirst();
            List<EventSample> results = telemetry.sampleResults(requestId);
            if (request.isEmpty() && results.isEmpty() && !actions.exists(id, requestId)) {
                throw new NotFoundFailure("Sample request", requestId);
            }
            boolean done = request.isEmpty() || results.size() >= request.get().componentKeys().size();
            return new SampleStatus(requestId, done, results);
        });
    }
}
