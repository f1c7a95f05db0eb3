package dev.vectorflow.adapter.postgres.planted;

import dev.vectorflow.ports.service.heartbeat.HeartbeatWrites;

/** Planted violation: an adapter that reaches into a service instead of a port. */
public final class PostgresUsingAService {

    HeartbeatWrites writes;
}
