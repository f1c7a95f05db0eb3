package dev.vectorflow.ports.out.persistence;

import java.util.Optional;

/** Driven port: tells whether the database answers right now. */
public interface DatabaseProbe {

    /** @return empty when the database answered, otherwise why it did not */
    Optional<String> problem();
}
