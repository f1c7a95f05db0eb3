package dev.vectorflow.adapter.vector;

import dev.vectorflow.core.pipeline.catalog.Catalog;
import dev.vectorflow.ports.out.vector.CatalogSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Catalog source: the component catalog read from Vector's reference data in JSON (the file
 * bundled with this module, or a newer one), parsed once when the source is built.
 */
public final class JsonCatalogSource implements CatalogSource {

    /** Class-path location of the bundled catalog (Vector 0.57, MPL-2.0; see the NOTICE file beside it). */
    public static final String BUNDLED_RESOURCE = "/dev/vectorflow/adapter/vector/catalog/components.json";

    private final Catalog catalog;

    /**
     * Reads a catalog file.
     *
     * @throws IllegalArgumentException when the file is not a catalog (names the line or the entry at fault)
     * @throws UncheckedIOException when the file cannot be read
     */
    public JsonCatalogSource(Path file) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            this.catalog = CatalogJsonReader.read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the component catalog " + file, e);
        }
    }

    /**
     * Reads a catalog from a stream (not closed here).
     *
     * @throws IllegalArgumentException when the stream does not hold a catalog
     */
    public JsonCatalogSource(InputStream in) {
        this.catalog = CatalogJsonReader.read(Objects.requireNonNull(in, "in"), "(stream)");
    }

    private JsonCatalogSource(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The catalog bundled with this module; parsed once per JVM on first use (the catalog is immutable). */
    public static JsonCatalogSource bundled() {
        return new JsonCatalogSource(Bundled.CATALOG);
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }

    /** Holder idiom: the JVM initialises this class once, on first use, thread-safely. */
    private static final class Bundled {

        static final Catalog CATALOG = load();

        private static Catalog load() {
            try (InputStream in = JsonCatalogSource.class.getResourceAsStream(BUNDLED_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("The bundled component catalog " + BUNDLED_RESOURCE + " is missing from the class path");
                }
                return CatalogJsonReader.read(in, "classpath:" + BUNDLED_RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the bundled component catalog " + BUNDLED_RESOURCE, e);
            }
        }
    }
}
