package dev.vectorflow.planted;

/** Planted violation: a class outside every module's package root. */
public class Orphan {
}
