package dev.vectorflow.ports.out.system;

import java.util.UUID;

/** Driven port: the source of new, unguessable identifiers. */
public interface IdGenerator {

    UUID newId();
}
