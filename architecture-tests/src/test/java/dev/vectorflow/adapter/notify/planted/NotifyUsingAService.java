package dev.vectorflow.adapter.notify.planted;

import dev.vectorflow.ports.service.heartbeat.HeartbeatWrites;

/** Planted violation: the notification adapter reaching into a service instead of a port. */
public final class NotifyUsingAService {

    HeartbeatWrites writes;
}
