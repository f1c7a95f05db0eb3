package dev.vectorflow.ports.in.preview;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.in.delivery.DeliveredConfig;
import dev.vectorflow.ports.in.heartbeat.AgentIdentity;
import java.util.List;
import java.util.Map;

/** Use case of the agent API: a node fetches the preview it was asked to run, and sends what the two runs wrote. */
public interface RunPreviewUseCase {

    /** @throws NotFoundFailure when this node was not asked for that preview, or it is no longer waited for */
    PreviewWork previewWork(AgentIdentity agent, String requestId) throws NotFoundFailure;

    /** @throws NotFoundFailure as for {@link #previewWork} */
    void receivePreviewOutputs(AgentIdentity agent, PreviewOutputs outputs) throws NotFoundFailure;

    /** What to run: the sample events (JSON values as Java objects, each with its sequence number) and the two configs. */
    record PreviewWork(String requestId, List<Object> events, DeliveredConfig baseline, DeliveredConfig draft) {
        public PreviewWork {
            events = List.copyOf(events);
        }
    }

    /** What the two runs wrote. */
    record PreviewOutputs(String requestId, RunOutput baseline, RunOutput draft) {
    }

    /** One run: why it failed (null when it ran), each sink's events, the sinks whose output was cut at a cap, Vector's output. */
    record RunOutput(String error, Map<String, List<Object>> sinks, List<String> cutSinks, String log) {
        public RunOutput {
            sinks = Map.copyOf(sinks);
            cutSinks = List.copyOf(cutSinks);
        }
    }
}
