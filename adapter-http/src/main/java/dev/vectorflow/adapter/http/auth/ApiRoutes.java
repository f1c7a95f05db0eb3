package dev.vectorflow.adapter.http.auth;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The one place routes are registered: every route comes with its {@link Access} rule, which
 * travels with the endpoint as metadata. {@link #declared()} lists them for the route × role test.
 */
public final class ApiRoutes {

    /** A registered route and its rule. */
    public record Route(HandlerType method, String path, Access access) {
    }

    private final RoutesConfig routes;
    private final List<Route> declared = new ArrayList<>();

    public ApiRoutes(RoutesConfig routes) {
        this.routes = routes;
    }

    public void get(String path, Access access, Handler handler) {
        add(HandlerType.GET, path, access, handler);
    }

    public void post(String path, Access access, Handler handler) {
        add(HandlerType.POST, path, access, handler);
    }

    public void put(String path, Access access, Handler handler) {
        add(HandlerType.PUT, path, access, handler);
    }

    public void patch(String path, Access access, Handler handler) {
        add(HandlerType.PATCH, path, access, handler);
    }

    public void delete(String path, Access access, Handler handler) {
        add(HandlerType.DELETE, path, access, handler);
    }

    private void add(HandlerType method, String path, Access access, Handler handler) {
        routes.addEndpoint(new Endpoint(method, path, handler, Set.of(access)));
        declared.add(new Route(method, path, access));
    }

    public List<Route> declared() {
        return Collections.unmodifiableList(declared);
    }
}
