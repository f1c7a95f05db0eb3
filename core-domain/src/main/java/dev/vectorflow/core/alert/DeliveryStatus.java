package dev.vectorflow.core.alert;

/** Where one notification to one channel stands: waiting for its (next) attempt, delivered, or given up (dead letter). */
public enum DeliveryStatus {
    QUEUED, DELIVERED, DEAD
}
