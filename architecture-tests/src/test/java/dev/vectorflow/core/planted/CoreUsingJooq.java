package dev.vectorflow.core.planted;

/** Planted violation: core-domain using a library (jOOQ). */
public class CoreUsingJooq {
    public Object query() {
        return org.jooq.impl.DSL.name("environments");
    }
}
