package dev.vectorflow.adapter.http.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.Caller;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.error.ErrorMapping;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.adapter.http.json.JsonFields;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.CatalogResponse;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.DiffResponse;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.ImportResponse;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.Page;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.PipelineResponse;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.ProblemsResponse;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.PublishedResponse;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.SavedDraftResponse;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.VersionResponse;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineName;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.environment.EnvironmentQueries;
import dev.vectorflow.ports.in.pipeline.ManagePipelinesUseCase;
import dev.vectorflow.ports.in.pipeline.PipelineQueries;
import dev.vectorflow.ports.in.pipeline.PublishPipelineUseCase;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import dev.vectorflow.core.validation.PlainText;
import java.util.regex.Pattern;

/** Pipelines, drafts, validation, rendering, import, versions, diffs, rollback, and the component catalog. */
public final class PipelineController {

    /** The largest import or graph body: 8 MiB, the agent protocol's limit (a config of about 8 Mi characters). */
    public static final long MAX_PIPELINE_BODY_BYTES = 8L * 1024 * 1024;

    /** The longest message of a published version. */
    public static final int MAX_MESSAGE_LENGTH = 2000;

    private final ManagePipelinesUseCase manage;
    private final PublishPipelineUseCase publish;
    private final PipelineQueries queries;
    private final EnvironmentQueries environments;
    private final Access.TeamLocator environmentTeam;
    private final JsonBodyReader bodies;
    /** For imports and graphs: as large as the agent protocol's bodies, so every config an agent can receive can come in. */
    private final JsonBodyReader pipelineBodies;
    private final GraphJson graphs;
    private final ObjectMapper mapper;

    public PipelineController(ManagePipelinesUseCase manage, PublishPipelineUseCase publish, PipelineQueries queries,
                              EnvironmentQueries environments, Access.TeamLocator environmentTeam, JsonBodyReader bodies, ObjectMapper mapper) {
        this.manage = manage;
        this.publish = publish;
        this.queries = queries;
        this.environments = environments;
        this.environmentTeam = environmentTeam;
        this.bodies = bodies;
        this.pipelineBodies = new JsonBodyReader(mapper, Math.max(bodies.maxBytes(), MAX_PIPELINE_BODY_BYTES));
        this.graphs = new GraphJson(mapper);
        this.mapper = mapper;
    }

    private static final Pattern LARGE_BODY_PATHS = Pattern.compile(
            "/api/environments/[^/]+/pipelines(/import)?|/api/pipelines/[^/]+/graph");

    /** Whether this request may carry a pipeline-sized body (an import, a new pipeline with its graph, a saved draft). */
    public static boolean takesPipelineBody(String method, String path) {
        return (method.equals("POST") || method.equals("PUT")) && LARGE_BODY_PATHS.matcher(path).matches();
    }

    /** The reader of pipeline-sized bodies. */
    public JsonBodyReader pipelineBodies() {
        return pipelineBodies;
    }

    /** Finds the team owning the pipeline in the {@code pipelineId} path parameter. */
    /** The team owning a pipeline (through its environment), if the pipeline exists. */
    public Optional<TeamId> owningTeam(PipelineId pipeline) {
        return queries.owningEnvironment(pipeline).flatMap(environments::owningTeam);
    }

    public Access.TeamLocator pipelineTeam() {
        return ctx -> {
            try {
                return queries.owningEnvironment(PipelineId.parse("pipelineId", ctx.pathParam("pipelineId")))
                        .flatMap(environments::owningTeam);
            } catch (InvalidValueException malformed) {
                return Optional.<TeamId>empty();
            }
        };
    }

    public void register(ApiRoutes routes) {
        Access.TeamLocator pipelineTeam = pipelineTeam();
        routes.get("/api/catalog", Access.signedIn(), this::catalog);
        routes.get("/api/environments/{id}/pipelines", Access.team(Role.VIEWER, environmentTeam), this::list);
        routes.post("/api/environments/{id}/pipelines", Access.team(Role.EDITOR, environmentTeam), this::create);
        routes.post("/api/environments/{id}/pipelines/import", Access.team(Role.EDITOR, environmentTeam), this::importConfig);
        routes.get("/api/pipelines/{pipelineId}", Access.team(Role.VIEWER, pipelineTeam), this::get);
        routes.patch("/api/pipelines/{pipelineId}", Access.team(Role.EDITOR, pipelineTeam), this::update);
        routes.delete("/api/pipelines/{pipelineId}", Access.team(Role.EDITOR, pipelineTeam), this::delete);
        routes.put("/api/pipelines/{pipelineId}/graph", Access.team(Role.EDITOR, pipelineTeam), this::saveDraft);
        routes.post("/api/pipelines/{pipelineId}/validate", Access.team(Role.VIEWER, pipelineTeam), this::validate);
        routes.get("/api/pipelines/{pipelineId}/config", Access.team(Role.VIEWER, pipelineTeam), this::render);
        routes.post("/api/pipelines/{pipelineId}/versions", Access.team(Role.EDITOR, pipelineTeam), this::publish);
        routes.get("/api/pipelines/{pipelineId}/versions", Access.team(Role.VIEWER, pipelineTeam), this::versions);
        routes.get("/api/pipelines/{pipelineId}/versions/{number}", Access.team(Role.VIEWER, pipelineTeam), this::version);
        routes.post("/api/pipelines/{pipelineId}/versions/{number}/rollback", Access.team(Role.EDITOR, pipelineTeam), this::rollback);
        routes.post("/api/pipelines/{pipelineId}/draft/reset", Access.team(Role.EDITOR, pipelineTeam), this::resetDraft);
        routes.get("/api/pipelines/{pipelineId}/diff", Access.team(Role.VIEWER, pipelineTeam), this::diff);
    }

    private static PipelineId pipelineId(Context ctx) {
        return PipelineId.parse("pipelineId", ctx.pathParam("pipelineId"));
    }

    private static EnvironmentId environmentId(Context ctx) {
        return EnvironmentId.parse("id", ctx.pathParam("id"));
    }

    /** A version number (1, 2, ...) from the request; a 400 names {@code name} otherwise. */
    public static int number(Context ctx, String raw, String name) {
        try {
            int n = Integer.parseInt(raw);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException | NullPointerException e) {
            throw ApiProblem.badRequest(name + " must be a version number (1, 2, ...) but was '" + raw + "'.");
        }
    }




    private static ApiProblem refused(String detail, List<Problem> problems) {
        return ErrorMapping.invalidPipeline(detail, problems);
    }


    private void catalog(Context ctx) {
        ctx.header("Cache-Control", "max-age=300").json(CatalogResponse.fromDomain(queries.catalog()));
    }

    private PipelineResponse withGraph(Pipeline p) {
        return PipelineResponse.fromDomain(p, pipeline -> graphs.write(pipeline.draft()));
    }

    private void list(Context ctx) {
        ctx.json(new Page<>(queries.pipelinesOf(environmentId(ctx)).stream().map(p -> PipelineResponse.fromDomain(p, null)).toList()));
    }

    private void create(Context ctx) throws Exception {
        ObjectNode body = pipelineBodies.readObject(ctx);
        JsonFields f = new JsonFields(body, Set.of("name", "description", "graph"));
        Optional<PipelineName> name = f.convert(f.requiredText("name"), PipelineName::new);
        Optional<String> description = f.convert(f.optionalText("description", ""), Pipeline::checkDescription);
        f.throwIfInvalid();
        PipelineGraph graph = body.has("graph") ? graphs.read(body.get("graph"), "graph") : PipelineGraph.of(List.of(), List.of());
        Pipeline created = manage.createPipeline(Caller.of(ctx).actor(), environmentId(ctx), name.orElseThrow(), description.orElse(""), graph);
        ctx.status(HttpStatus.CREATED).header("Location", "/api/pipelines/" + created.id()).json(withGraph(created));
    }

    private void importConfig(Context ctx) throws Exception {
        JsonFields f = new JsonFields(pipelineBodies.readObject(ctx), Set.of("name", "config", "format"));
        Optional<PipelineName> name = f.convert(f.requiredText("name"), PipelineName::new);
        Optional<String> config = f.requiredText("config");
        Optional<ConfigFormat> format = f.convert(f.optionalText("format", null), t -> ConfigFormat.parse(t)
                .orElseThrow(() -> new InvalidValueException("format", "must be yaml, toml or json but was '" + t + "'")));
        f.throwIfInvalid();
        ManagePipelinesUseCase.ImportOutcome outcome = manage.importPipeline(Caller.of(ctx).actor(), environmentId(ctx), name.orElseThrow(),
                config.orElseThrow(), format);
        if (outcome.pipeline().isEmpty()) {
            throw refused("The file cannot be imported; nothing was stored.", outcome.problems());
        }
        ctx.status(HttpStatus.CREATED).header("Location", "/api/pipelines/" + outcome.pipeline().get().id())
                .json(ImportResponse.fromDomain(outcome, pipeline -> graphs.write(pipeline.draft())));
    }

    private void get(Context ctx) throws Exception {
        ctx.json(withGraph(queries.pipeline(pipelineId(ctx))));
    }

    private void update(Context ctx) throws Exception {
        PipelineId id = pipelineId(ctx);
        JsonFields f = new JsonFields(bodies.readObject(ctx), Set.of("name", "description"));
        Optional<PipelineName> name = f.has("name") ? f.convert(f.requiredText("name"), PipelineName::new) : Optional.empty();
        Optional<String> description = f.convert(f.optionalText("description", ""), Pipeline::checkDescription);
        f.throwIfInvalid();
        ctx.json(withGraph(manage.updatePipeline(Caller.of(ctx).actor(), id, name, description)));
    }

    private void delete(Context ctx) throws Exception {
        manage.deletePipeline(Caller.of(ctx).actor(), pipelineId(ctx));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void saveDraft(Context ctx) throws Exception {
        PipelineId id = pipelineId(ctx);
        PipelineGraph graph = graphs.read(pipelineBodies.readObject(ctx), "graph");
        Pipeline saved = manage.saveDraft(Caller.of(ctx).actor(), id, graph);
        ctx.json(new SavedDraftResponse(withGraph(saved), ProblemsResponse.fromDomain(queries.validateDraft(id))));
    }

    private void validate(Context ctx) throws Exception {
        ctx.json(ProblemsResponse.fromDomain(queries.validateDraft(pipelineId(ctx))));
    }

    private void render(Context ctx) throws Exception {
        String raw = ctx.queryParamAsClass("format", String.class).getOrDefault("yaml");
        ConfigFormat format = ConfigFormat.parse(raw).orElseThrow(() -> ApiProblem.badRequest("format must be yaml, toml or json but was '" + raw + "'."));
        String text = queries.renderDraft(pipelineId(ctx), format);
        ctx.contentType(switch (format) {
            case YAML -> "application/yaml; charset=utf-8";
            case TOML -> "application/toml; charset=utf-8";
            case JSON -> "application/json; charset=utf-8";
        }).result(text);
    }

    private void publish(Context ctx) throws Exception {
        PipelineId id = pipelineId(ctx);
        JsonFields f = new JsonFields(ctx.contentLength() == 0 ? mapper.createObjectNode() : bodies.readObject(ctx), Set.of("message"));
        Optional<String> message = f.convert(f.optionalText("message", ""), m -> PlainText
                .optionalMultiLine("message", m, MAX_MESSAGE_LENGTH));
        f.throwIfInvalid();
        answer(ctx, publish.publish(Caller.of(ctx).actor(), id, message.orElse("")));
    }

    private void answer(Context ctx, PublishPipelineUseCase.PublishResult result) {
        switch (result) {
            case PublishPipelineUseCase.Published published -> ctx.status(HttpStatus.CREATED)
                    .header("Location", "/api/pipelines/" + published.version().pipelineId() + "/versions/" + published.version().number())
                    .json(PublishedResponse.fromDomain(published));
            case PublishPipelineUseCase.Refused refused -> throw refused("The draft has errors; no version was published.", refused.problems());
        }
    }

    private void versions(Context ctx) throws Exception {
        ctx.json(new Page<>(queries.versions(pipelineId(ctx)).stream().map(VersionResponse::summary).toList()));
    }

    private void version(Context ctx) throws Exception {
        PipelineVersion version = queries.version(pipelineId(ctx), number(ctx, ctx.pathParam("number"), "number"));
        ctx.json(VersionResponse.full(version, graphs.write(version.graph())));
    }

    private void rollback(Context ctx) throws Exception {
        PipelineId id = pipelineId(ctx);
        int n = number(ctx, ctx.pathParam("number"), "number");
        String message = "";
        if (ctx.contentLength() > 0) {
            JsonFields f = new JsonFields(bodies.readObject(ctx), Set.of("message"));
            Optional<String> checked = f.convert(f.optionalText("message", ""), m -> PlainText.optionalMultiLine("message", m, MAX_MESSAGE_LENGTH));
            f.throwIfInvalid();
            message = checked.orElse("");
        }
        answer(ctx, publish.rollback(Caller.of(ctx).actor(), id, n, message));
    }

    private void resetDraft(Context ctx) throws Exception {
        int n = number(ctx, ctx.queryParam("version"), "version");
        ctx.json(withGraph(manage.resetDraft(Caller.of(ctx).actor(), pipelineId(ctx), n)));
    }






    private void diff(Context ctx) throws Exception {
        int from = number(ctx, ctx.queryParam("from"), "from");
        int to = number(ctx, ctx.queryParam("to"), "to");
        ctx.json(DiffResponse.fromDomain(queries.diff(pipelineId(ctx), from, to)));
    }
}
