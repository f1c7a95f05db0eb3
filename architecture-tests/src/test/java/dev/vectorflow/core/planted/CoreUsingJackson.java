package dev.vectorflow.core.planted;

/** Planted violation: Jackson in core-domain. */
public class CoreUsingJackson {
    public Object mapper() {
        return new com.fasterxml.jackson.databind.ObjectMapper();
    }
}
