package dev.vectorflow.adapter.vector.planted;

import dev.vectorflow.cli.ApplyPlan;

/** Planted violation: the library depending on the command line built on it. */
public class VectorUsingTheCommandLine {
    public boolean changes(ApplyPlan plan) {
        return plan.hasChanges();
    }
}
