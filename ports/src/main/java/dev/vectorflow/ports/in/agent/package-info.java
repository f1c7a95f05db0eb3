/**
 * The records of agent protocol v1 ({@code PROTOCOL.md}), shared by the server's agent API and the agent's
 * control-plane client. Wire-level values only (strings, boxed numbers that may be absent); the server checks them.
 */
package dev.vectorflow.ports.in.agent;
