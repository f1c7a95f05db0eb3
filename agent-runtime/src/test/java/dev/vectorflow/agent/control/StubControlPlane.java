package dev.vectorflow.agent.control;

import dev.vectorflow.agent.port.ControlPlane;
import dev.vectorflow.ports.protocol.ConfigRequest;
import dev.vectorflow.ports.protocol.DesiredState;
import dev.vectorflow.ports.protocol.EnrollRequest;
import dev.vectorflow.ports.protocol.EnrollResponse;
import dev.vectorflow.ports.protocol.HeartbeatRequest;
import dev.vectorflow.ports.protocol.HeartbeatResponse;
import dev.vectorflow.ports.protocol.PendingAction;
import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.protocol.PreviewJob;
import dev.vectorflow.ports.protocol.PreviewRequest;
import dev.vectorflow.ports.protocol.PreviewResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A control plane answering from scripts, in memory: each call takes the next scripted reply; when none is left it
 * answers "unavailable" (after running {@link #whenHeartbeatsRunOut} for a heartbeat). Every call is recorded.
 */
final class StubControlPlane implements ControlPlane {

    final Deque<Reply<EnrollResponse>> enrollReplies = new ArrayDeque<>();
    final Deque<Reply<HeartbeatResponse>> heartbeatReplies = new ArrayDeque<>();
    final Deque<Reply<PipelineConfig>> configReplies = new ArrayDeque<>();
    final Deque<Reply<DesiredState>> desiredStateReplies = new ArrayDeque<>();
    final List<EnrollRequest> enrolls = new ArrayList<>();
    final List<HeartbeatRequest> heartbeats = new ArrayList<>();
    final List<ConfigRequest> configRequests = new ArrayList<>();
    final List<String> nodeTokens = new ArrayList<>();
    int desiredStateCalls;
    Runnable whenHeartbeatsRunOut = () -> { };

    static <T> Reply<T> ok(T value) {
        return new Reply.Ok<>(value);
    }

    static <T> Reply<T> unavailable() {
        return new Reply.Unavailable<>("connection refused", Optional.empty());
    }

    static Reply<HeartbeatResponse> answer(PendingAction... actions) {
        return ok(new HeartbeatResponse(true, 0, List.of(actions)));
    }

    @Override
    public synchronized Reply<EnrollResponse> enroll(EnrollRequest request) {
        enrolls.add(request);
        return enrollReplies.isEmpty() ? unavailable() : enrollReplies.removeFirst();
    }

    @Override
    public synchronized Reply<HeartbeatResponse> heartbeat(String nodeToken, HeartbeatRequest request) {
        nodeTokens.add(nodeToken);
        heartbeats.add(request);
        if (heartbeatReplies.isEmpty()) {
            whenHeartbeatsRunOut.run();
            return unavailable();
        }
        return heartbeatReplies.removeFirst();
    }

    @Override
    public synchronized Reply<PipelineConfig> config(String nodeToken, ConfigRequest request) {
        nodeTokens.add(nodeToken);
        configRequests.add(request);
        return configReplies.isEmpty() ? unavailable() : configReplies.removeFirst();
    }

    @Override
    public Reply<PreviewJob> previewJob(String nodeToken, PreviewRequest request) {
        return new Reply.NotFound<>("no previews in the stub");
    }

    @Override
    public Reply<Void> previewResult(String nodeToken, PreviewResult result) {
        return new Reply.NotFound<>("no previews in the stub");
    }

    @Override
    public synchronized Reply<DesiredState> desiredState(String nodeToken) {
        nodeTokens.add(nodeToken);
        desiredStateCalls++;
        return desiredStateReplies.isEmpty() ? unavailable() : desiredStateReplies.removeFirst();
    }
}
