package dev.vectorflow.ports.out.persistence;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.environment.EnvironmentName;
import java.util.List;
import java.util.Optional;

/** Driven port: stores environments. Call it inside {@link Transactions#inTransaction}. */
public interface EnvironmentRepository {

    /** @throws UniqueViolation when another environment has the same name ignoring case */
    void insert(Environment environment);

    /**
     * Replaces the stored environment with the same id.
     *
     * @return false when there is no such environment
     * @throws UniqueViolation when another environment has the new name ignoring case
     */
    boolean update(Environment environment);

    /** @return false when there was no such environment */
    boolean delete(EnvironmentId id);

    Optional<Environment> findById(EnvironmentId id);

    /** Finds the environment whose name equals {@code name} ignoring case. */
    Optional<Environment> findByName(EnvironmentName name);

    /** Every environment, ordered by name ignoring case. */
    List<Environment> findAll();
}
