package dev.vectorflow.adapter.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vectorflow.adapter.http.environment.EnvironmentController;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.error.ErrorMapping;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.adapter.http.system.SystemController;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.Set;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the HTTP server: REST API under {@code /api}, the web UI at {@code /} (when its assets
 * are on the class path), one error shape, an access log, virtual threads and a graceful stop.
 * Returns it unstarted so that tests can run it on port 0.
 */
public final class HttpApi {

    private static final Logger ACCESS_LOG = LoggerFactory.getLogger("vectorflow.access");
    /** Where the ui module puts its built assets on the class path. */
    static final String UI_ASSETS = "/vectorflow-ui";
    private static final Set<HandlerType> BODY_METHODS = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH);

    private HttpApi() {
    }

    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static Javalin create(HttpSettings settings, ApiServices services) {
        ObjectMapper mapper = objectMapper();
        JsonBodyReader bodies = new JsonBodyReader(mapper, settings.maxRequestBytes());
        SystemController system = new SystemController(settings.version(), services.checkReadiness());
        EnvironmentController environments = new EnvironmentController(services.createEnvironment(),
                services.updateEnvironment(), services.deleteEnvironment(), services.environmentQueries(), bodies);

        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.jetty.modifyServer(server -> {
                // on stop: close the listeners first, then wait for requests in flight (up to the grace period)
                server.setStopTimeout(settings.shutdownGrace().toMillis());
                server.setHandler(new GracefulHandler());
            });
            config.http.maxRequestSize = settings.maxRequestBytes();
            config.jsonMapper(new JavalinJackson(mapper, true));
            config.requestLogger.http((ctx, ms) -> ACCESS_LOG.info("{} {} {} {} {}ms",
                    ctx.ip(), ctx.method(), ctx.path(), ctx.statusCode(), String.format("%.1f", ms)));
            serveUi(config);

            config.routes.before("/api/*", ctx -> rejectBadBodies(ctx, bodies));
            system.register(config.routes);
            environments.register(config.routes);
            // anything else under /api is an unknown endpoint: JSON 404, never the UI page
            for (HandlerType method : new HandlerType[] {HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE}) {
                config.routes.addHttpHandler(method, "/api/*", HttpApi::unknownEndpoint);
            }
            ErrorMapping.register(config.routes);
        });
    }

    private static void rejectBadBodies(Context ctx, JsonBodyReader bodies) {
        if (BODY_METHODS.contains(ctx.method())) {
            bodies.rejectDeclaredOversize(ctx);
        }
    }

    private static void unknownEndpoint(Context ctx) {
        throw ApiProblem.notFound("There is no endpoint " + ctx.method() + " " + ctx.path() + ".");
    }

    private static void serveUi(JavalinConfig config) {
        if (HttpApi.class.getResource(UI_ASSETS + "/index.html") == null) {
            LoggerFactory.getLogger(HttpApi.class).warn("web UI assets not found on the class path; serving the API only");
            return;
        }
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = UI_ASSETS;
            files.location = Location.CLASSPATH;
        });
        config.spaRoot.addFile("/", UI_ASSETS + "/index.html", Location.CLASSPATH);
    }
}
