package dev.vectorflow.core.fleet;

/** How a node is doing, as the server judges it: heartbeats arrive (healthy or degraded) or they stopped. */
public enum NodeStatus {
    /** Heartbeats arrive and no pipeline failed. */
    HEALTHY,
    /** Heartbeats arrive but a pipeline is CRASHED, CRASH_LOOP or FAILED. */
    DEGRADED,
    /** No heartbeat for poll interval × unhealthy threshold. */
    UNREACHABLE
}
