package dev.vectorflow.ports.out.vector;

import dev.vectorflow.core.pipeline.catalog.Catalog;

/** Driven port: where the component catalog comes from (the bundled one, or a newer file). */
public interface CatalogSource {

    Catalog catalog();
}
