package dev.vectorflow.ports.out.fleet;

import dev.vectorflow.core.fleet.AgentRelease;
import java.util.List;
import java.util.Optional;

/** Driven port: registered agent releases. */
public interface AgentReleaseRepository {

    /** @throws dev.vectorflow.ports.out.persistence.UniqueViolation when that version exists */
    void insert(AgentRelease release);

    Optional<AgentRelease> find(String version);

    /** Newest first. */
    List<AgentRelease> findAll();
}
