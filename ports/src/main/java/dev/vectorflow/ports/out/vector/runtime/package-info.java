/**
 * Driven ports of the node agent towards Vector processes: launch, adopt, signal and stop them
 * ({@link dev.vectorflow.ports.out.vector.runtime.VectorProcesses}), read their health, metrics and samples
 * ({@link dev.vectorflow.ports.out.vector.runtime.VectorTelemetry}) and the Vector config rules the agent needs
 * ({@link dev.vectorflow.ports.out.vector.runtime.VectorConfigRules}). They live in {@code ports} because
 * {@code adapter-vector} implements them and must not depend on {@code agent-runtime}, which uses them.
 */
package dev.vectorflow.ports.out.vector.runtime;
