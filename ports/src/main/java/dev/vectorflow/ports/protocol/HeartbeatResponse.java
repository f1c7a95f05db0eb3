package dev.vectorflow.ports.protocol;

import java.util.List;

/** Protocol v1: the answer to a heartbeat: the poll interval to use and the actions to apply. */
public record HeartbeatResponse(boolean ok, long pollIntervalMs, List<PendingAction> pendingActions) {

    public HeartbeatResponse {
        pendingActions = pendingActions == null ? List.of() : List.copyOf(pendingActions);
    }
}
