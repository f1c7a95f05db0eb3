package dev.vectorflow.ports.protocol;

/** Protocol v1: one field seen in sampled events: its path ({@code .a.b}), type and a truncated sample value. */
public record SchemaField(String path, String type, String sample) {
}
