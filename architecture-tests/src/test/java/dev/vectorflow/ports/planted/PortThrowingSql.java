package dev.vectorflow.ports.planted;

/** Planted violation: a driven port letting a JDBC exception cross it. */
public interface PortThrowingSql {
    void save(String value) throws java.sql.SQLException;
}
