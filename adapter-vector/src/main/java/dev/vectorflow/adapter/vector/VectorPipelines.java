package dev.vectorflow.adapter.vector;

import dev.vectorflow.core.pipeline.ConfigRenderer;
import dev.vectorflow.core.pipeline.EnvironmentVariables;
import dev.vectorflow.core.pipeline.GraphImporter;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineValidator;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.core.pipeline.catalog.Catalog;
import dev.vectorflow.ports.out.vector.CatalogSource;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import dev.vectorflow.ports.out.vector.VectorConfigCodec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The embeddable library's front door: validate, render and import Vector pipelines from any Java program, with no server and no database.
 * The details are in docs/architecture.md, "Notes on the code".
 */
public final class VectorPipelines {

    private final Catalog catalog;
    private final VectorConfigCodec codec;
    private final PipelineValidator validator;
    private final ConfigRenderer renderer;

    public VectorPipelines(CatalogSource catalog, VectorConfigCodec codec) {
        this.catalog = Objects.requireNonNull(catalog, "catalog").catalog();
        this.codec = Objects.requireNonNull(codec, "codec");
        this.validator = new PipelineValidator(this.catalog);
        this.renderer = new ConfigRenderer(this.catalog);
    }

    /** With the catalog of the Vector release this library was built for (0.57). */
    public static VectorPipelines withBundledCatalog() {
        return new VectorPipelines(JsonCatalogSource.bundled(), new JacksonVectorConfigCodec());
    }

    public Catalog catalog() {
        return catalog;
    }

    /** Every problem of the graph against the catalog; errors would make Vector refuse the config. */
    public List<Problem> validate(PipelineGraph graph) {
        return validator.validate(graph);
    }

    /**
     * The graph as a Vector config file (deterministic: the same graph gives the same bytes). A YAML or TOML file
     * of a pipeline that needs environment variables starts with a comment naming them
     * ({@link EnvironmentVariables#HEADER_PREFIX}).
     *
     * @throws dev.vectorflow.core.validation.InvalidValueException on field {@code format} when the format cannot
     *     carry a value of the graph (TOML and a whole number above 9223372036854775807)
     */
    public String render(PipelineGraph graph, ConfigFormat format) {
        return EnvironmentVariables.withHeader(graph, codec.write(renderer.render(graph), format), format != ConfigFormat.JSON);
    }

    /**
     * Reads a Vector config file into a graph; {@code format} empty detects it. Literal secrets are
     * taken out (see {@link GraphImporter.ImportResult#movedSecrets()}).
     *
     * @throws dev.vectorflow.core.validation.InvalidValueException when the text is not YAML, TOML or JSON
     */
    public GraphImporter.ImportResult importConfig(String text, Optional<ConfigFormat> format) {
        return new GraphImporter(catalog).importConfig(codec.read(text, format));
    }
}
