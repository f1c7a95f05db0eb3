package dev.vectorflow.ports.in.planted;

/** Planted violation: a driving port whose name does not say what it does. */
public interface EnvironmentStuff {
    void doIt();
}
