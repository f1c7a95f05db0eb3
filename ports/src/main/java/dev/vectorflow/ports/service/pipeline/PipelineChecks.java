package dev.vectorflow.ports.service.pipeline;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.InvalidGraphFailure;
import dev.vectorflow.core.pipeline.ConfigRenderer;
import dev.vectorflow.core.pipeline.EnvironmentVariables;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineValidator;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.core.pipeline.References;
import dev.vectorflow.core.pipeline.catalog.Catalog;
import dev.vectorflow.core.secret.SecretName;
import dev.vectorflow.ports.in.secret.ResolveSecretsUseCase;
import dev.vectorflow.ports.out.vector.CatalogSource;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import dev.vectorflow.ports.out.vector.VectorConfigCheck;
import dev.vectorflow.ports.out.vector.VectorConfigCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the pipeline use cases ask of a graph: its problems against the catalog and the environment's secrets, its rendered
 * file, and, for publishing, Vector's own verdict (an external process: never run inside a unit of work).
 */
public final class PipelineChecks {

    private final CatalogSource catalogSource;
    private final VectorConfigCodec codec;
    private final ResolveSecretsUseCase secrets;
    private final VectorConfigCheck vector;
    private final PipelineValidator validator;
    private final ConfigRenderer renderer;

    public PipelineChecks(CatalogSource catalogSource, VectorConfigCodec codec, ResolveSecretsUseCase secrets, VectorConfigCheck vector) {
        this.catalogSource = catalogSource;
        this.codec = codec;
        this.secrets = secrets;
        this.vector = vector;
        this.validator = new PipelineValidator(catalogSource.catalog());
        this.renderer = new ConfigRenderer(catalogSource.catalog());
    }

    Catalog catalog() {
        return catalogSource.catalog();
    }

    /** The catalog's problems alone (no environment needed). */
    List<Problem> catalogProblems(PipelineGraph graph) {
        return validator.validate(graph);
    }

    /** Refuses graphs that are broken beyond a draft: duplicate keys, unknown types, edges to nothing, cycles. */
    void requireStorable(PipelineGraph graph) throws InvalidGraphFailure {
        List<Problem> problems = validator.validate(graph);
        if (problems.stream().anyMatch(Problem::structural)) {
            throw new InvalidGraphFailure("The graph is broken beyond a draft; nothing was stored.", problems);
        }
    }

    /** Catalog problems plus references to secrets and certificates the environment does not have. */
    List<Problem> problems(EnvironmentId environment, PipelineGraph graph) {
        List<Problem> problems = new ArrayList<>(validator.validate(graph));
        References missingReferences = missing(environment, graph);
        for (SecretName missing : missingReferences.secrets()) {
            problems.add(Problem.error(null, "", "SECRET[" + missing + "] is referenced but the environment has no secret of that name"));
        }
        for (SecretName missing : missingReferences.certificates()) {
            problems.add(Problem.error(null, "", "CERT[" + missing + "] is referenced but the environment has no certificate of that name"));
        }
        return problems;
    }

    /** The secrets and certificates a graph references that the environment does not have. */
    References missing(EnvironmentId environment, PipelineGraph graph) {
        References references = References.of(graph);
        return new References(secrets.missingSecrets(environment, references.secrets()),
                secrets.missingCertificates(environment, references.certificates()));
    }

    /** The graph as a file; YAML and TOML start with a comment naming the environment variables it needs, if any. */
    String render(PipelineGraph graph, ConfigFormat format) {
        return EnvironmentVariables.withHeader(graph, codec.write(renderer.render(graph), format), format != ConfigFormat.JSON);
    }

    /** A Vector config file read into the neutral tree. */
    Map<String, Object> read(String text, Optional<ConfigFormat> format) {
        return codec.read(text, format);
    }

    /** Whether a graph may become a version, and if so its YAML. */
    sealed interface Verdict permits Fit, Unfit {
    }

    /** Publishable: the YAML to store, the problems that did not block it, and whether {@code vector} checked it too. */
    record Fit(String yaml, List<Problem> warnings, boolean checkedByVector) implements Verdict {
    }

    record Unfit(List<Problem> problems) implements Verdict {
    }

    /**
     * The verdict on publishing {@code graph} in {@code environment}: VectorFlow's own checks (errors block, warnings do
     * not), then {@code vector validate} and the config's unit tests when a {@code vector} binary is there.
     */
    Verdict forPublishing(EnvironmentId environment, PipelineGraph graph) {
        List<Problem> problems = problems(environment, graph);
        if (problems.stream().anyMatch(Problem::isError)) {
            return new Unfit(problems);
        }
        String yaml = render(graph, ConfigFormat.YAML);
        Set<String> variables = EnvironmentVariables.of(graph);
        // the server does not know the values of the nodes' environment variables, so Vector cannot read this file here
        Optional<VectorConfigCheck.Verdict> verdict = variables.isEmpty() ? vector.check(yaml) : Optional.empty();
        if (verdict.isPresent() && verdict.get().valid() && graph.globalOptions().get(ConfigRenderer.TESTS) instanceof List<?> tests
                && !tests.isEmpty()) {
            Optional<VectorConfigCheck.Verdict> tested = vector.test(yaml);
            if (tested.isPresent()) {
                List<Problem> both = new ArrayList<>(verdict.get().problems());
                both.addAll(tested.get().problems());
                verdict = Optional.of(new VectorConfigCheck.Verdict(tested.get().valid(), both, verdict.get().vectorVersion()));
            }
        }
        if (verdict.isPresent() && !verdict.get().valid()) {
            List<Problem> all = new ArrayList<>(problems);
            all.addAll(verdict.get().problems());
            return new Unfit(all);
        }
        List<Problem> warnings = new ArrayList<>(problems);
        verdict.ifPresent(v -> warnings.addAll(v.problems()));
        if (verdict.isEmpty()) {
            warnings.add(Problem.warning(null, "", variables.isEmpty()
                    ? "Vector itself did not check this version (no vector binary on the server); VectorFlow's own validation passed"
                    : "Vector itself did not check this version: it needs the environment variables " + String.join(", ", variables)
                    + " of the nodes, which only they know; VectorFlow's own validation passed"));
        }
        return new Fit(yaml, warnings, verdict.isPresent());
    }
}
