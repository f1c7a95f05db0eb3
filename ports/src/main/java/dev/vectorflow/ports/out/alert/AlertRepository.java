package dev.vectorflow.ports.out.alert;

import dev.vectorflow.core.alert.Alert;
import dev.vectorflow.core.alert.AlertId;
import dev.vectorflow.core.alert.AlertStateFilter;
import dev.vectorflow.core.alert.AlertTransition;
import dev.vectorflow.core.alert.Silence;
import dev.vectorflow.core.alert.SilenceId;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Driven port: the alerts with their transitions, and the silences. */
public interface AlertRepository {

    /** Inserts the alert or replaces the one with its id. */
    void save(Alert alert);

    void delete(AlertId id);

    Optional<Alert> findById(AlertId id);

    /** Every alert of every environment (the evaluator's round). */
    List<Alert> findAll();

    /** The environment's alerts the filter matches, the most recently changed first. */
    default List<Alert> findByEnvironment(EnvironmentId environment, AlertStateFilter filter, int limit) {
        return findByEnvironment(environment, filter, Optional.empty(), Optional.empty(), limit);
    }

    /** As {@link #findByEnvironment(EnvironmentId, AlertStateFilter, int)}, only about {@code node} and {@code pipeline} when given. */
    List<Alert> findByEnvironment(EnvironmentId environment, AlertStateFilter filter, Optional<NodeId> node, Optional<PipelineId> pipeline,
                                  int limit);

    /** Forgets resolved alerts that resolved before {@code before}, with their transitions; how many. */
    int deleteResolvedBefore(Instant before);

    void recordTransition(AlertTransition transition);

    /** The alert's transitions, newest first. */
    List<AlertTransition> transitions(AlertId alert, int limit);

    void insertSilence(Silence silence);

    boolean deleteSilence(SilenceId id);

    Optional<Silence> findSilence(SilenceId id);

    /** Silences that have not ended at {@code now}: of one environment, or (empty) of all. */
    List<Silence> activeSilences(Optional<EnvironmentId> environment, Instant now);
}
