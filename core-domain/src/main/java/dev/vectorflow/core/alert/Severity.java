package dev.vectorflow.core.alert;

/** How urgent an alert is; channels may show or route by it. */
public enum Severity {
    INFO, WARNING, CRITICAL
}
