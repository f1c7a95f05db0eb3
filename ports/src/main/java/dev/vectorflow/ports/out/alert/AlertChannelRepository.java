package dev.vectorflow.ports.out.alert;

import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.util.List;
import java.util.Optional;

/** Driven port: the notification channels of every environment, their secrets sealed. */
public interface AlertChannelRepository {

    /** @throws UniqueViolation when the environment has a channel of that name (case-insensitive) */
    void insert(StoredChannel channel) throws UniqueViolation;

    /** @throws UniqueViolation when another channel of the environment has that name */
    void update(StoredChannel channel) throws UniqueViolation;

    boolean delete(AlertChannelId id);

    Optional<StoredChannel> findById(AlertChannelId id);

    /** The environment's channels by name. */
    List<StoredChannel> findByEnvironment(EnvironmentId environment);
}
