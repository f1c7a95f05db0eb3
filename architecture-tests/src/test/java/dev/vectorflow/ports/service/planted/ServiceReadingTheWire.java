package dev.vectorflow.ports.service.planted;

import dev.vectorflow.ports.protocol.HeartbeatRequest;

/** Planted violation: a service that reads the wire record instead of a typed command. */
public final class ServiceReadingTheWire {

    String version(HeartbeatRequest request) {
        return request.agentVersion();
    }
}
