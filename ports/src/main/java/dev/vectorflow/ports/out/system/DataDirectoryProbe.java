package dev.vectorflow.ports.out.system;

import java.util.Optional;

/** Driven port: tells whether the server's data directory can take writes right now (space left, writable). */
public interface DataDirectoryProbe {

    /** @return empty when it can, otherwise why not */
    Optional<String> problem();
}
