package dev.vectorflow.adapter.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vectorflow.adapter.http.agent.AgentApi;
import dev.vectorflow.adapter.http.agent.RefusalLog;
import dev.vectorflow.adapter.http.alert.AlertController;
import dev.vectorflow.adapter.http.audit.AuditController;
import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.audit.AuditApiDocs;
import dev.vectorflow.adapter.http.backup.BackupApiDocs;
import dev.vectorflow.adapter.http.alert.AlertApiDocs;
import dev.vectorflow.adapter.http.delivery.ConfigDeliveryApiDocs;
import dev.vectorflow.adapter.http.deployment.DeploymentApiDocs;
import dev.vectorflow.adapter.http.enrollment.EnrollmentApiDocs;
import dev.vectorflow.adapter.http.fleet.FleetApiDocs;
import dev.vectorflow.adapter.http.heartbeat.HeartbeatApiDocs;
import dev.vectorflow.adapter.http.node.NodeApiDocs;
import dev.vectorflow.adapter.http.pipeline.PipelineApiDocs;
import dev.vectorflow.adapter.http.promotion.PromotionApiDocs;
import dev.vectorflow.adapter.http.promotion.PromotionController;
import dev.vectorflow.adapter.http.release.AgentReleaseApiDocs;
import dev.vectorflow.adapter.http.telemetry.TelemetryApiDocs;
import dev.vectorflow.adapter.http.environment.EnvironmentApiDocs;
import dev.vectorflow.adapter.http.identity.IdentityApiDocs;
import dev.vectorflow.adapter.http.secret.SecretApiDocs;
import dev.vectorflow.adapter.http.settings.SettingsApiDocs;
import dev.vectorflow.adapter.http.system.SystemApiDocs;
import dev.vectorflow.adapter.http.openapi.ApiDocs;
import dev.vectorflow.adapter.http.openapi.OpenApiController;
import dev.vectorflow.adapter.http.openapi.OpenApiRoutesDocs;
import dev.vectorflow.adapter.http.auth.RequestGuard;
import dev.vectorflow.adapter.http.auth.SignInThrottle;
import dev.vectorflow.adapter.http.backup.BackupController;
import dev.vectorflow.adapter.http.delivery.ConfigDeliveryController;
import dev.vectorflow.adapter.http.deployment.DeploymentController;
import dev.vectorflow.adapter.http.rollout.RolloutApiDocs;
import dev.vectorflow.adapter.http.rollout.RolloutController;
import dev.vectorflow.adapter.http.enrollment.AgentEnrollmentController;
import dev.vectorflow.adapter.http.enrollment.EnrollmentTokenController;
import dev.vectorflow.adapter.http.environment.EnvironmentController;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.error.ErrorMapping;
import dev.vectorflow.adapter.http.fleet.FleetOverviewController;
import dev.vectorflow.adapter.http.heartbeat.HeartbeatController;
import dev.vectorflow.adapter.http.identity.IdentityController;
import dev.vectorflow.adapter.http.identity.OidcController;
import dev.vectorflow.adapter.http.identity.SessionController;
import dev.vectorflow.adapter.http.identity.TwoFactorController;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.adapter.http.node.NodeController;
import dev.vectorflow.adapter.http.pipeline.PipelineController;
import dev.vectorflow.adapter.http.preview.PreviewApiDocs;
import dev.vectorflow.adapter.http.preview.PreviewController;
import dev.vectorflow.adapter.http.release.AgentReleaseController;
import dev.vectorflow.adapter.http.secret.SecretController;
import dev.vectorflow.adapter.http.settings.SettingsController;
import dev.vectorflow.adapter.http.system.SystemController;
import dev.vectorflow.adapter.http.telemetry.TelemetryController;
import dev.vectorflow.core.failure.NotFoundFailure;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.Graceful;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the HTTP server: REST API under {@code /api}, the web UI at {@code /} (when its assets
 * are on the class path), one error shape, an access log, virtual threads and a graceful stop.
 * Returns it unstarted so that tests can run it on port 0.
 */
public final class HttpApi {

    private static final Logger ACCESS_LOG = LoggerFactory.getLogger("vectorflow.access");
    private static final RefusalLog REFUSALS = new RefusalLog(10_000_000_000L, System::nanoTime, ACCESS_LOG::info);
    /** Where the ui module puts its built assets on the class path. */
    static final String UI_ASSETS = "/vectorflow-ui";
    private static final Set<HandlerType> BODY_METHODS = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH);
    /** The first path segments of the web UI's screens (ui/src/routes.ts and forms.ts; "" is the overview); a test keeps them in step. */
    static final Set<String> UI_ROUTES = Set.of("", "setup", "account", "pipelines", "fleet", "secrets", "admin", "tokens", "audit", "alerts",
            "api-reference");
    /**
     * On every answer. Scripts, frames, fonts and connections only from this server; inline styles are allowed because
     * the code editor (CodeMirror) injects its theme as style elements (no inline script is ever allowed).
     */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
            "X-Frame-Options", "DENY",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "same-origin");

    private HttpApi() {
    }

    /** Every route's summary, parameters, body and answers, for the OpenAPI document ({@code GET /api/openapi.json}). */
    public static ApiDocs apiDocs() {
        ApiDocs docs = new ApiDocs();
        OpenApiRoutesDocs.describe(docs);
        SystemApiDocs.describe(docs);
        IdentityApiDocs.describe(docs);
        SettingsApiDocs.describe(docs);
        EnvironmentApiDocs.describe(docs);
        AuditApiDocs.describe(docs);
        SecretApiDocs.describe(docs);
        BackupApiDocs.describe(docs);
        PipelineApiDocs.describe(docs);
        DeploymentApiDocs.describe(docs);
        PromotionApiDocs.describe(docs);
        RolloutApiDocs.describe(docs);
        NodeApiDocs.describe(docs);
        TelemetryApiDocs.describe(docs);
        FleetApiDocs.describe(docs);
        AgentReleaseApiDocs.describe(docs);
        AlertApiDocs.describe(docs);
        EnrollmentApiDocs.describe(docs);
        HeartbeatApiDocs.describe(docs);
        ConfigDeliveryApiDocs.describe(docs);
        PreviewApiDocs.describe(docs);
        return docs;
    }

    /**
     * The API's JSON mapper. Its parser and generator buffers come from one shared pool: the default pool keeps them per
     * thread, and every request runs on a new virtual thread, so each request allocated its buffers afresh.
     */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build())
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    public static Javalin create(HttpSettings settings, ApiServices services) {
        return create(settings, services, Clock.systemUTC(), new ArrayList<>());
    }

    /**
     * As {@link #create(HttpSettings, ApiServices)}; fills {@code declaredRoutes} with every API
     * route and its access rule (for the route × role test).
     */
    public static Javalin create(HttpSettings settings, ApiServices services, Clock clock, List<ApiRoutes.Route> declaredRoutes) {
        ObjectMapper mapper = objectMapper();
        JsonBodyReader bodies = new JsonBodyReader(mapper, settings.maxRequestBytes());
        RequestGuard guard = new RequestGuard(services.authenticate(), settings.trustProxyHeaders());
        SystemController system = new SystemController(settings.version(), services.checkReadiness(), services.serverStats());
        EnvironmentController environments = new EnvironmentController(services.createEnvironment(),
                services.updateEnvironment(), services.deleteEnvironment(), services.environmentQueries(), services.teamQueries(), bodies);
        Function<Context, URI> origin = ctx -> OidcController.origin(ctx, guard);
        SessionController sessions = new SessionController(services.signIn(), services.signOut(), services.setup(),
                services.changePassword(), services.teamQueries(), guard, new SignInThrottle(20, Duration.ofMinutes(15), clock), bodies,
                id -> {
                    try {
                        return Optional.of(services.userQueries().getUser(id));
                    } catch (NotFoundFailure gone) {
                        return Optional.empty();
                    }
                }, services.verifySecondFactor(), (token, from) -> services.signInWithOidc().endSessionUri(token, from), origin);
        OidcController oidc = new OidcController(services.signInWithOidc(), services.oidcProviderQueries(), services.manageOidcProviders(),
                guard, bodies, sessions);
        TwoFactorController twoFactor = new TwoFactorController(services.manageTwoFactor(), services.twoFactorQueries(), bodies);
        SettingsController settingsController = new SettingsController(services.settingsQueries(), services.updateSettings(), bodies);
        IdentityController identity = new IdentityController(services.manageUsers(), services.userQueries(), services.manageTeams(),
                services.teamQueries(), services.manageApiTokens(), services.apiTokenQueries(), bodies, clock);
        AuditController audit = new AuditController(services.auditQueries(), mapper);
        PipelineController pipelines = new PipelineController(services.managePipelines(), services.publishPipelines(),
                services.pipelineQueries(), services.environmentQueries(), environments.owningTeam(), bodies, mapper);
        AgentUseCases agent = services.agent();
        AgentApi agentApi = new AgentApi(agent.authenticate(), mapper, guard, settings.agentRequestsPerMinute(),
                settings.enrollmentsPerMinutePerAddress());
        AgentEnrollmentController agentEnrollment = new AgentEnrollmentController(agent.enrollNode(), agentApi);
        HeartbeatController heartbeats = new HeartbeatController(agent.receiveHeartbeat(), agent.receiveLogsAndSamples(), agentApi);
        ConfigDeliveryController configDelivery = new ConfigDeliveryController(agent.fetchPipelineConfig(), agent.fetchDesiredState(), agentApi);
        FleetUseCases fleet = services.fleet();
        EnrollmentTokenController enrollmentTokens = new EnrollmentTokenController(fleet.createEnrollmentToken(), fleet.revokeEnrollmentToken(),
                fleet.enrollmentTokenQueries(), environments.owningTeam(), bodies, clock);
        NodeController nodes = new NodeController(fleet.nodes(), fleet.nodeQueries(), services.environmentQueries(), environments.owningTeam(),
                bodies);
        PromotionController promotion = new PromotionController(services.promotion(), pipelines.pipelineTeam(), environments.owningTeam(),
                bodies);
        DeploymentController deployments = new DeploymentController(fleet.deployPipeline(), fleet.undeployPipeline(), fleet.deploymentQueries(),
                fleet.nodeQueries(), pipelines.pipelineTeam(), bodies, services.promotion().submitDeployment(),
                promotion::accepted);
        RolloutController rollouts = new RolloutController(fleet.rolloutQueries(), fleet.controlRollout(), pipelines.pipelineTeam(),
                pipelines::owningTeam);
        TelemetryController telemetry = new TelemetryController(fleet.metricsQueries(), fleet.logsAndSamplesQueries(), nodes.nodeTeam(),
                pipelines.pipelineTeam(), clock);
        AgentReleaseController releases = new AgentReleaseController(fleet.registerAgentRelease(), fleet.updateNodeAgent(),
                fleet.updateEnvironmentAgents(), fleet.agentReleaseQueries(), environments.owningTeam(), nodes.nodeTeam(), bodies, clock);
        FleetOverviewController fleetOverview = new FleetOverviewController(fleet.fleetOverview(), environments.owningTeam(), clock);
        BackupController backups = new BackupController(services.createBackup(), services.verifyBackup(), services.restoreBackup(),
                services.downloadBackup(), services.backupQueries(), bodies);
        SecretController secrets = new SecretController(services.manageSecrets(), services.manageCertificates(), services.secretQueries(),
                environments.owningTeam(), bodies, clock);
        AlertController alerts = new AlertController(services.alerts(), environments.owningTeam(), bodies);
        PreviewController previews = new PreviewController(fleet.previews(), pipelines.pipelineTeam(), bodies, agentApi);

        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            // counts requests in flight so that stopGracefully() can wait for them
            config.jetty.modifyServer(server -> server.setHandler(new GracefulHandler()));
            config.http.maxRequestSize = Math.max(settings.maxRequestBytes(), AgentApi.MAX_BODY_BYTES);
            // Jetty caches the header fields each connection sent, for the next request on it. Agents behind a load balancer
            // (or a proxy keeping connections to the servers) share connections, so every request brings new Authorization
            // values: the cache was filled, cleared and filled again for nothing (4.8 % of the server's CPU at 100,000 agents)
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
            config.jsonMapper(new JavalinJackson(mapper, true));
            config.requestLogger.http((ctx, ms) -> {
                // thousands of agents poll every few seconds: their successful calls are not worth a line each, nor
                // (while a server sheds load) each call turned away: those are counted, a line every 10 s
                boolean agentCall = ctx.path().startsWith(RequestGuard.AGENT_PATHS);
                if (agentCall && RefusalLog.counted(ctx.statusCode()) && !ACCESS_LOG.isDebugEnabled()) {
                    REFUSALS.count(ctx.statusCode());
                } else if (ctx.statusCode() >= 400 || !agentCall || ACCESS_LOG.isDebugEnabled()) {
                    ACCESS_LOG.info("{} {} {} {} {}ms", ctx.ip(), ctx.method(), ctx.path(), ctx.statusCode(), String.format("%.1f", ms));
                }
            });
            boolean ui = serveUi(config);
            config.routes.before(ctx -> SECURITY_HEADERS.forEach(ctx::header));

            // one before-handler for /api (each costs a pattern match per request)
            config.routes.before("/api/*", ctx -> {
                backups.refuseWhileRestoring(ctx);
                rejectBadBodies(ctx, ctx.path().startsWith(RequestGuard.AGENT_PATHS) ? agentApi.bodies()
                        : PipelineController.takesPipelineBody(ctx.method().name(), ctx.path()) ? pipelines.pipelineBodies() : bodies);
                guard.identify(ctx);
                ctx.header("Cache-Control", "no-store");
            });
            config.routes.beforeMatched("/api/*", guard::enforce);
            ApiRoutes api = new ApiRoutes(config.routes);
            new OpenApiController(apiDocs(), settings.version(), mapper).register(api);
            system.register(api);
            sessions.register(api);
            oidc.register(api);
            twoFactor.register(api);
            identity.register(api);
            settingsController.register(api);
            environments.register(api);
            audit.register(api);
            secrets.register(api);
            alerts.register(api);
            pipelines.register(api);
            agentEnrollment.register(api);
            heartbeats.register(api);
            configDelivery.register(api);
            enrollmentTokens.register(api);
            nodes.register(api);
            deployments.register(api);
            promotion.register(api);
            rollouts.register(api);
            telemetry.register(api);
            releases.register(api);
            fleetOverview.register(api);
            backups.register(api);
            previews.register(api);
            api.registerAll();
            declaredRoutes.addAll(api.declared());
            // anything else under /api is an unknown endpoint: JSON 404, never the UI page
            for (HandlerType method : new HandlerType[] {HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE}) {
                for (String path : List.of("/api", "/api/*")) {
                    config.routes.addEndpoint(new Endpoint(method, path, HttpApi::unknownEndpoint, Set.of(Access.publicRoute())));
                }
            }
            ErrorMapping.register(config.routes);
            // what no endpoint and no asset answered: the UI page for the UI's own routes, a 404 for anything else
            config.routes.error(404, ctx -> notFound(ctx, ui));
        });
    }

    /**
     * Stops the server the graceful way: stop accepting connections, wait (up to {@code grace}) for
     * the requests in flight to finish, then close every connection, idle keep-alive ones too.
     */
    public static void stopGracefully(Javalin app, Duration grace) {
        Server server = app.jettyServer().server();
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof Graceful graceful) {
                graceful.shutdown();
            }
        }
        GracefulHandler inFlight = server.getDescendant(GracefulHandler.class);
        if (inFlight != null) {
            try {
                inFlight.shutdown().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LoggerFactory.getLogger(HttpApi.class).warn("requests still running after the grace period of {}; stopping anyway", grace);
            } catch (ExecutionException e) {
                LoggerFactory.getLogger(HttpApi.class).warn("waiting for requests in flight failed: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        server.setStopTimeout(0);
        app.stop();
    }

    private static void rejectBadBodies(Context ctx, JsonBodyReader bodies) {
        if (BODY_METHODS.contains(ctx.method())) {
            bodies.rejectDeclaredOversize(ctx);
        }
    }

    private static void unknownEndpoint(Context ctx) {
        throw ApiProblem.notFound("There is no endpoint " + ctx.method() + " " + ctx.path() + ".");
    }

    /** Serves the UI's assets; false when they are not on the class path (an API-only server). */
    private static boolean serveUi(JavalinConfig config) {
        if (HttpApi.class.getResource(UI_ASSETS + "/index.html") == null) {
            LoggerFactory.getLogger(HttpApi.class).warn("web UI assets not found on the class path; serving the API only");
            return false;
        }
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = UI_ASSETS;
            files.location = Location.CLASSPATH;
        });
        return true;
    }

    /**
     * A path nothing answered. Under {@code /api} the problem stands as it is. A GET of one of the UI's own routes gets
     * the UI page (the app picks its screen from the path). Anything else stays a 404: for a browser asking for a page,
     * the UI page with status 404 (so that it shows its "not found" screen), otherwise a problem document.
     */
    private static void notFound(Context ctx, boolean ui) {
        String path = ctx.path();
        if (path.equals("/api") || path.startsWith("/api/")) {
            return;
        }
        boolean page = ui && ctx.method() == HandlerType.GET && !lastSegment(path).contains(".");
        if (page && UI_ROUTES.contains(firstSegment(path))) {
            ctx.status(200);
            ctx.header("Cache-Control", "no-cache");
            ctx.html(indexHtml());
        } else if (page && String.valueOf(ctx.header("Accept")).contains("text/html")) {
            ctx.html(indexHtml());
        } else {
            ErrorMapping.write(ctx, ApiProblem.notFound("There is nothing at " + path + ".").response());
        }
    }

    private static String firstSegment(String path) {
        String rest = path.startsWith("/") ? path.substring(1) : path;
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String indexHtml() {
        try (var in = HttpApi.class.getResourceAsStream(UI_ASSETS + "/index.html")) {
            return new String(Objects.requireNonNull(in, "index.html").readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
