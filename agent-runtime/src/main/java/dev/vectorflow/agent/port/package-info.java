/**
 * Driven ports of the agent's own hexagon (control plane, host probe, token store). The ports towards Vector
 * processes are shared with adapter-vector and live in {@code dev.vectorflow.ports.out.vector.runtime}.
 */
package dev.vectorflow.agent.port;
