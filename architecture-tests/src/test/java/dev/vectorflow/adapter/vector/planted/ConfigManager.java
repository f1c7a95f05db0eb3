package dev.vectorflow.adapter.vector.planted;

/** Planted violation: a name that says nothing about the class's one reason to exist. */
public class ConfigManager {
}
