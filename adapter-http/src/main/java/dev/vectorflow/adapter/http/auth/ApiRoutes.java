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
 *
 * <p>The router tries the routes of a method one after the other (a route whose path is not the request's path costs a
 * regular expression), so {@link #registerAll()} hands it the agent API's routes and {@code /api/health} first: the
 * calls that come thousands of times a second are found at the head of the list. They are exact paths that no other
 * route matches, so the order changes no answer.
 */
public final class ApiRoutes {

    /** A registered route and its rule. */
    public record Route(HandlerType method, String path, Access access) {
    }

    /** Registered ahead of the rest (exact paths: the agent API and the health check). */
    private static final String HEALTH = "/api/health";

    private final RoutesConfig routes;
    private final List<Route> declared = new ArrayList<>();
    private final List<Endpoint> endpoints = new ArrayList<>();
    private boolean registered;

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
        if (registered) {
            throw new IllegalStateException("routes were already handed to the router");
        }
        endpoints.add(new Endpoint(method, path, handler, Set.of(access)));
        declared.add(new Route(method, path, access));
    }

    /** Hands every route to the router: the busiest ones first (see the class comment), then the rest in the order declared. */
    public void registerAll() {
        if (registered) {
            throw new IllegalStateException("routes were already handed to the router");
        }
        registered = true;
        for (Endpoint endpoint : registrationOrder(endpoints)) {
            routes.addEndpoint(endpoint);
        }
    }

    /** The endpoints in the order the router gets them. */
    static List<Endpoint> registrationOrder(List<Endpoint> endpoints) {
        List<Endpoint> first = new ArrayList<>();
        List<Endpoint> rest = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            (busy(endpoint.path) ? first : rest).add(endpoint);
        }
        first.addAll(rest);
        return first;
    }

    private static boolean busy(String path) {
        return path.equals(HEALTH) || (path.startsWith(RequestGuard.AGENT_PATHS) && path.indexOf('{') < 0 && path.indexOf('<') < 0
                && path.indexOf('*') < 0);
    }

    public List<Route> declared() {
        return Collections.unmodifiableList(declared);
    }
}
