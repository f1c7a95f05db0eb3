package dev.vectorflow.bench.load.planted;

import dev.vectorflow.ports.service.heartbeat.ReceiveHeartbeatService;

/** Planted violation: a load generator that calls the server's service in process instead of over HTTP. */
public final class LoadUsingTheServer {

    ReceiveHeartbeatService heartbeats;
}
