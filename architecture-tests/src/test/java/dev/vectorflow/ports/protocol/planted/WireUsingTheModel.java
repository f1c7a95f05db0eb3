package dev.vectorflow.ports.protocol.planted;

import dev.vectorflow.core.fleet.NodeId;

/** Planted violation: a wire record that embeds a model type. */
public record WireUsingTheModel(NodeId nodeId) {
}
