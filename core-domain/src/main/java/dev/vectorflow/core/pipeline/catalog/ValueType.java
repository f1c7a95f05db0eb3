package dev.vectorflow.core.pipeline.catalog;

import java.util.Locale;

/** The value types of Vector configuration options, as the catalog names them. */
public enum ValueType {
    STRING, OBJECT, UINT, INT, FLOAT, BOOL, ARRAY, ASCII_CHAR, CONDITION, ANY;

    /** Reads the catalog's spelling ({@code string}, {@code uint}, ..., {@code *} for any). */
    public static ValueType fromCatalog(String name) {
        return name.equals("*") ? ANY : valueOf(name.toUpperCase(Locale.ROOT));
    }
}
