package dev.vectorflow.agent.port;

import dev.vectorflow.ports.protocol.HostMetrics;

/** Driven port of the agent: counters and gauges of the machine it runs on. */
public interface HostProbe {

    /** The current values; fields the host cannot tell are null. */
    HostMetrics probe();
}
