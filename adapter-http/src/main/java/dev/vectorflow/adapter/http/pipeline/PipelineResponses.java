package dev.vectorflow.adapter.http.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.core.pipeline.catalog.Catalog;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.core.pipeline.catalog.ComponentSpec;
import dev.vectorflow.core.pipeline.catalog.OptionSpec;
import dev.vectorflow.core.pipeline.diff.ComponentChange;
import dev.vectorflow.core.pipeline.diff.ComponentSummary;
import dev.vectorflow.core.pipeline.diff.GraphDiff;
import dev.vectorflow.core.pipeline.diff.OptionChange;
import dev.vectorflow.core.pipeline.diff.TextDiff;
import dev.vectorflow.core.pipeline.diff.ValueChange;
import dev.vectorflow.ports.in.pipeline.ManagePipelinesUseCase.ImportOutcome;
import dev.vectorflow.ports.in.pipeline.ManagePipelinesUseCase.MovedSecret;
import dev.vectorflow.ports.in.pipeline.PipelineQueries.VersionDiff;
import dev.vectorflow.ports.in.pipeline.PublishPipelineUseCase.Published;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The JSON shapes of the pipeline API, each mapped from the domain in one place. */
public final class PipelineResponses {

    private PipelineResponses() {
    }

    /** A pipeline; {@code graph} (its draft) only where the answer is about one pipeline. */
    record PipelineResponse(String id, String environmentId, String name, String description, int components, ObjectNode graph,
                            String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {
        static PipelineResponse fromDomain(Pipeline p, Function<Pipeline, ObjectNode> graph) {
            return new PipelineResponse(p.id().toString(), p.environmentId().toString(), p.name().value(), p.description(),
                    p.draft().components().size(), graph == null ? null : graph.apply(p), p.createdBy(), p.createdAt(), p.updatedBy(),
                    p.updatedAt());
        }
    }

    /** A list answer: {@code {"items": [...]}}. */
    record Page<T>(List<T> items) {
    }

    /** One problem of a graph; {@code component} is null for a problem of the whole pipeline. */
    record ProblemResponse(String severity, @JsonInclude(JsonInclude.Include.ALWAYS) String component, String path, String message) {
        static ProblemResponse fromDomain(Problem p) {
            return new ProblemResponse(p.severity().name(), p.component().map(Object::toString).orElse(null), p.optionPath(), p.message());
        }
    }

    /** A validation verdict: valid when no problem is an error. */
    record ProblemsResponse(boolean valid, List<ProblemResponse> problems) {
        static ProblemsResponse fromDomain(List<Problem> problems) {
            return new ProblemsResponse(problems.stream().noneMatch(Problem::isError), problems.stream().map(ProblemResponse::fromDomain).toList());
        }
    }

    /** A saved draft with its verdict. */
    record SavedDraftResponse(@JsonUnwrapped PipelineResponse pipeline, @JsonUnwrapped ProblemsResponse verdict) {
    }

    record MovedSecretResponse(String component, String option, String secret) {
        static MovedSecretResponse fromDomain(MovedSecret m) {
            return new MovedSecretResponse(m.component(), m.optionPath(), m.secretName());
        }
    }

    /** An imported pipeline, every problem of the import, and the secrets made from literal values. */
    record ImportResponse(PipelineResponse pipeline, @JsonUnwrapped ProblemsResponse verdict, List<MovedSecretResponse> movedSecrets) {
        static ImportResponse fromDomain(ImportOutcome outcome, Function<Pipeline, ObjectNode> graph) {
            return new ImportResponse(PipelineResponse.fromDomain(outcome.pipeline().orElseThrow(), graph),
                    ProblemsResponse.fromDomain(outcome.problems()), outcome.movedSecrets().stream().map(MovedSecretResponse::fromDomain).toList());
        }
    }

    /** A version; its YAML and graph only where the answer is about one version. {@code restoredFrom} is null unless a rollback. */
    record VersionResponse(int number, String checksum, String author, String message, Instant createdAt,
                           @JsonInclude(JsonInclude.Include.ALWAYS) Integer restoredFrom, String configYaml, ObjectNode graph) {
        static VersionResponse summary(PipelineVersion v) {
            return new VersionResponse(v.number(), v.checksum(), v.author(), v.message(), v.createdAt(), v.restoredFrom().orElse(null), null, null);
        }

        static VersionResponse full(PipelineVersion v, ObjectNode graph) {
            return new VersionResponse(v.number(), v.checksum(), v.author(), v.message(), v.createdAt(), v.restoredFrom().orElse(null),
                    v.configYaml(), graph);
        }
    }

    /** A version just published, whether a {@code vector} binary checked it too, and the warnings that did not block it. */
    record PublishedResponse(@JsonUnwrapped VersionResponse version, boolean checkedByVector, List<ProblemResponse> warnings) {
        static PublishedResponse fromDomain(Published published) {
            return new PublishedResponse(VersionResponse.summary(published.version()), published.checkedByVector(),
                    published.warnings().stream().map(ProblemResponse::fromDomain).toList());
        }
    }

    /** The component catalog the editor offers, with the options every component of a kind has. */
    record CatalogResponse(String vectorVersion, List<ComponentSpec> components, Map<String, List<OptionSpec>> commonOptions,
                           List<OptionSpec> globalOptions) {
        static CatalogResponse fromDomain(Catalog catalog) {
            Map<String, List<OptionSpec>> common = new LinkedHashMap<>();
            for (ComponentKind kind : ComponentKind.values()) {
                common.put(kind.label(), catalog.commonOptions(kind));
            }
            return new CatalogResponse(catalog.vectorVersion(), catalog.components(), common, catalog.globalOptions());
        }
    }

    /** Two values of something that changed; either may be null (absent before or after). */
    record OldNew(@JsonInclude(JsonInclude.Include.ALWAYS) Object old,
                  @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("new") Object newValue) {
    }

    record ComponentResponse(String key, String kind, String type) {
        static ComponentResponse fromDomain(ComponentSummary c) {
            return new ComponentResponse(c.key().value(), c.kind().label(), c.type());
        }
    }

    /** A changed option; a multi-line text (a VRL program, a template) also gets its unified line diff. */
    record OptionChangeResponse(String path, @JsonInclude(JsonInclude.Include.ALWAYS) Object old,
                                @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("new") Object newValue, String lineDiff) {
        static OptionChangeResponse fromDomain(OptionChange o, String fromLabel, String toLabel) {
            String lineDiff = multiLine(o.oldValue()) || multiLine(o.newValue())
                    ? TextDiff.between(fromLabel, textOf(o.oldValue()), toLabel, textOf(o.newValue())).unified() : null;
            return new OptionChangeResponse(o.path().toString(), o.oldValue(), o.newValue(), lineDiff);
        }

        private static boolean multiLine(Object value) {
            return value instanceof String text && (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0);
        }

        /** An absent value compares as no lines; a value of another kind (after a type change) as its plain text. */
        private static String textOf(Object value) {
            return value == null ? "" : value instanceof String text ? text : String.valueOf(value);
        }
    }

    /** A changed component: only what changed is set, and its options. */
    record ComponentChangeResponse(String key, OldNew kind, OldNew type, OldNew disabled, OldNew displayName, List<OptionChangeResponse> options) {
        static ComponentChangeResponse fromDomain(ComponentChange c, String fromLabel, String toLabel) {
            return new ComponentChangeResponse(c.key().value(), c.kind().map(v -> new OldNew(v.oldValue().label(), v.newValue().label())).orElse(null),
                    c.type().map(PipelineResponses::oldNew).orElse(null), c.disabled().map(PipelineResponses::oldNew).orElse(null),
                    c.displayName().map(PipelineResponses::oldNew).orElse(null), optionChanges(c.options(), fromLabel, toLabel));
        }
    }

    private static OldNew oldNew(ValueChange<?> change) {
        return new OldNew(change.oldValue(), change.newValue());
    }

    private static List<OptionChangeResponse> optionChanges(List<OptionChange> changes, String fromLabel, String toLabel) {
        return changes.stream().map(o -> OptionChangeResponse.fromDomain(o, fromLabel, toLabel)).toList();
    }

    /** A component-level diff (also of promotions and approval requests). */
    public record GraphDiffResponse(List<ComponentResponse> added, List<ComponentResponse> removed, List<ComponentChangeResponse> changed,
                             List<String> edgesAdded, List<String> edgesRemoved, List<OptionChangeResponse> globalOptions, boolean empty) {
        public static GraphDiffResponse fromDomain(GraphDiff diff, String fromLabel, String toLabel) {
            return new GraphDiffResponse(diff.componentsAdded().stream().map(ComponentResponse::fromDomain).toList(),
                    diff.componentsRemoved().stream().map(ComponentResponse::fromDomain).toList(),
                    diff.componentsChanged().stream().map(c -> ComponentChangeResponse.fromDomain(c, fromLabel, toLabel)).toList(),
                    diff.edgesAdded().stream().map(e -> e.input() + " -> " + e.to()).toList(),
                    diff.edgesRemoved().stream().map(e -> e.input() + " -> " + e.to()).toList(),
                    optionChanges(diff.globalOptions(), fromLabel, toLabel), diff.isEmpty());
        }
    }

    /** Two versions compared: component by component, and as a unified diff of their YAML. */
    record DiffResponse(int from, int to, GraphDiffResponse components, String yamlDiff) {
        static DiffResponse fromDomain(VersionDiff diff) {
            return new DiffResponse(diff.from(), diff.to(), GraphDiffResponse.fromDomain(diff.components(), "v" + diff.from(), "v" + diff.to()),
                    diff.yamlDiff());
        }
    }
}
