package dev.vectorflow.ports.in.system;

/** Use case: tell whether the server's dependencies (the database) are reachable now. */
public interface CheckReadinessUseCase {

    Readiness checkReadiness();
}
