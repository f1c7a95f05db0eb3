package dev.vectorflow.adapter.http.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.Caller;
import dev.vectorflow.adapter.http.auth.RequestGuard;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.error.FieldProblem;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.adapter.http.json.JsonFields;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.GroupRule;
import dev.vectorflow.core.identity.OidcProvider;
import dev.vectorflow.core.identity.OidcProviderId;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.TeamName;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.identity.ManageOidcProvidersUseCase;
import dev.vectorflow.ports.in.identity.ManageOidcProvidersUseCase.ProviderDraft;
import dev.vectorflow.ports.in.identity.ManageOidcProvidersUseCase.SecretChange;
import dev.vectorflow.ports.in.identity.OidcProviderQueries;
import dev.vectorflow.ports.in.identity.SignInWithOidcUseCase;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sign-in through OpenID Connect providers ({@code /api/auth/...}: the options of the sign-in page, the start, the
 * provider's return) and their configuration for platform admins ({@code /api/settings/oidc-providers}).
 */
public final class OidcController {

    /** Ties a started sign-in to the browser that started it. */
    static final String BINDING_COOKIE = "vf_oidc";
    /** Carries why a sign-in was refused to the sign-in page (read and removed by the UI). */
    static final String ERROR_COOKIE = "vf_sign_in_error";
    private static final int MAX_TEXT = 2000;

    private final SignInWithOidcUseCase signIn;
    private final OidcProviderQueries queries;
    private final ManageOidcProvidersUseCase manage;
    private final RequestGuard guard;
    private final JsonBodyReader bodies;
    private final SessionController sessions;
    private final SecureRandom random = new SecureRandom();

    public OidcController(SignInWithOidcUseCase signIn, OidcProviderQueries queries, ManageOidcProvidersUseCase manage, RequestGuard guard,
                          JsonBodyReader bodies, SessionController sessions) {
        this.signIn = signIn;
        this.queries = queries;
        this.manage = manage;
        this.guard = guard;
        this.bodies = bodies;
        this.sessions = sessions;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/auth/providers", Access.publicRoute(), this::signInOptions);
        routes.post("/api/auth/oidc/{providerId}/start", Access.publicRoute(), this::start);
        routes.get(SignInWithOidcUseCase.CALLBACK_PATH, Access.publicRoute(), this::callback);

        routes.get("/api/settings/oidc-providers", Access.platformAdmin(), this::list);
        routes.post("/api/settings/oidc-providers", Access.platformAdmin(), this::create);
        routes.get("/api/settings/oidc-providers/{providerId}", Access.platformAdmin(), this::get);
        routes.put("/api/settings/oidc-providers/{providerId}", Access.platformAdmin(), this::update);
        routes.delete("/api/settings/oidc-providers/{providerId}", Access.platformAdmin(), this::delete);
    }

    /** The address a request came to: scheme (behind a trusted proxy, the forwarded one) and host. */
    public static URI origin(Context ctx, RequestGuard guard) {
        String host = ctx.host() == null ? "localhost" : ctx.host();
        if (!host.matches("[A-Za-z0-9.\\-:\\[\\]]{1,300}")) {
            host = "localhost";
        }
        return URI.create((guard.overTls(ctx) ? "https" : "http") + "://" + host);
    }

    private void signInOptions(Context ctx) {
        OidcProviderQueries.SignInOptions options = queries.signInOptions();
        List<Map<String, Object>> providers = new ArrayList<>();
        for (OidcProviderQueries.SignInOption o : options.providers()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", o.id().toString());
            p.put("name", o.name());
            p.put("available", o.problem().isEmpty());
            o.problem().ifPresent(problem -> p.put("problem", problem));
            providers.add(p);
        }
        ctx.json(Map.of("localSignIn", options.localSignIn(), "providers", providers));
    }

    private static OidcProviderId providerId(Context ctx) {
        try {
            return OidcProviderId.parse(ctx.pathParam("providerId"));
        } catch (InvalidValueException e) {
            throw ApiProblem.notFound("Provider " + ctx.pathParam("providerId") + " does not exist");
        }
    }

    private void start(Context ctx) {
        String binding = HexFormat.of().formatHex(bytes(32));
        SignInWithOidcUseCase.StartResult result = signIn.start(new SignInWithOidcUseCase.StartCommand(providerId(ctx), origin(ctx, guard), binding));
        switch (result) {
            case SignInWithOidcUseCase.Redirect redirect -> {
                bindingCookie(ctx, binding, 600);
                ctx.json(Map.of("authorizationUrl", redirect.authorizationUri().toString()));
            }
            case SignInWithOidcUseCase.Unavailable unavailable ->
                    throw new ApiProblem(503, "Identity Provider Unavailable", unavailable.reason(), List.of());
        }
    }

    /** The cookie binding a sign-in to its browser (Lax: the provider's redirect back is a top-level GET, which carries it). */
    private void bindingCookie(Context ctx, String value, int maxAgeSeconds) {
        Cookie cookie = new Cookie(BINDING_COOKIE, value);
        cookie.setPath("/api/auth/oidc");
        cookie.setHttpOnly(true);
        cookie.setSecure(guard.overTls(ctx));
        cookie.setSameSite(SameSite.LAX);
        cookie.setMaxAge(maxAgeSeconds);
        ctx.cookie(cookie);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** The provider sends the browser back here: sign in and go to the UI, or go to the sign-in page with the reason. */
    private void callback(Context ctx) {
        String binding = ctx.cookie(BINDING_COOKIE);
        SignInWithOidcUseCase.FinishResult result = signIn.finish(new SignInWithOidcUseCase.FinishCommand(limited(ctx.queryParam("state")),
                limited(ctx.queryParam("code")), limited(ctx.queryParam("error")), binding, guard.clientAddress(ctx), ctx.userAgent()));
        bindingCookie(ctx, "", 0);
        ctx.header("Cache-Control", "no-store");
        switch (result) {
            case SignInWithOidcUseCase.Finished finished -> {
                sessions.setSessionCookie(ctx, finished.signedIn().sessionToken());
                ctx.redirect("/", HttpStatus.SEE_OTHER);
            }
            case SignInWithOidcUseCase.Refused refused -> {
                Cookie error = new Cookie(ERROR_COOKIE, URLEncoder.encode(refused.message(), StandardCharsets.UTF_8).replace("+", "%20"));
                error.setPath("/");
                error.setSecure(guard.overTls(ctx));
                error.setSameSite(SameSite.STRICT);
                error.setMaxAge(120);
                ctx.cookie(error);
                ctx.redirect("/?signInError=" + refused.reason(), HttpStatus.SEE_OTHER);
            }
        }
    }

    private static String limited(String value) {
        return value == null || value.length() > MAX_TEXT ? null : value;
    }

    // ---- configuration

    private void list(Context ctx) {
        ctx.json(Map.of("items", queries.listProviders().stream().map(OidcController::response).toList()));
    }

    private void get(Context ctx) throws NotFoundFailure {
        ctx.json(response(queries.getProvider(providerId(ctx))));
    }

    private void create(Context ctx) throws ConflictFailure {
        OidcProvider created = manage.createProvider(Caller.of(ctx).actor(), draft(ctx, true));
        ctx.status(HttpStatus.CREATED).json(response(created));
    }

    private void update(Context ctx) throws NotFoundFailure, ConflictFailure {
        OidcProviderId id = providerId(ctx);
        ctx.json(response(manage.updateProvider(Caller.of(ctx).actor(), id, draft(ctx, false))));
    }

    private void delete(Context ctx) throws NotFoundFailure {
        manage.deleteProvider(Caller.of(ctx).actor(), providerId(ctx));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private static final Set<String> FIELDS = Set.of("name", "issuer", "clientId", "clientSecret", "scopes", "emailClaim", "groupsClaim",
            "allowUnverifiedEmail", "linkExistingUsers", "rules", "defaultTeam", "defaultRole", "enabled");

    /**
     * A provider from the body. {@code clientSecret}: absent keeps the stored one, {@code null} or {@code ""} removes it (a public
     * client), text replaces it. Problems of the rules are named {@code rules[i].field}.
     */
    private ProviderDraft draft(Context ctx, boolean creating) {
        ObjectNode body = bodies.readObject(ctx);
        JsonFields f = new JsonFields(body, FIELDS);
        Optional<String> name = f.requiredText("name");
        Optional<String> issuer = f.requiredText("issuer");
        Optional<String> clientId = f.requiredText("clientId");
        SecretChange secret = new ManageOidcProvidersUseCase.KeepSecret();
        if (body.has("clientSecret")) {
            Optional<String> given = f.optionalText("clientSecret", "");
            secret = given.filter(s -> !s.isEmpty()).<SecretChange>map(ManageOidcProvidersUseCase.NewSecret::new)
                    .orElse(new ManageOidcProvidersUseCase.ClearSecret());
        } else if (creating) {
            secret = new ManageOidcProvidersUseCase.ClearSecret();
        }
        List<String> scopes = body.has("scopes") ? f.requiredStringList("scopes").orElse(List.of()) : List.of("openid", "email", "profile");
        String emailClaim = f.optionalText("emailClaim", "email").orElse("email");
        String groupsClaim = f.optionalText("groupsClaim", "groups").orElse("groups");
        boolean allowUnverified = f.optionalBoolean("allowUnverifiedEmail").orElse(false);
        boolean link = f.optionalBoolean("linkExistingUsers").orElse(false);
        boolean enabled = f.optionalBoolean("enabled").orElse(true);
        Optional<String> defaultTeam = f.optionalText("defaultTeam", null);
        Optional<String> defaultRole = f.optionalText("defaultRole", null);
        List<ManageOidcProvidersUseCase.RuleDraft> rules = new ArrayList<>();
        List<FieldProblem> ruleProblems = new ArrayList<>();
        JsonNode ruleNodes = body.get("rules");
        if (ruleNodes != null && !ruleNodes.isNull()) {
            if (!ruleNodes.isArray() || ruleNodes.size() > OidcProvider.MAX_RULES) {
                ruleProblems.add(new FieldProblem("rules", "must be a list of up to " + OidcProvider.MAX_RULES + " rules"));
            } else {
                for (int i = 0; i < ruleNodes.size(); i++) {
                    rule(ruleNodes.get(i), "rules[" + i + "]", ruleProblems).ifPresent(rules::add);
                }
            }
        }
        try {
            f.throwIfInvalid();
        } catch (ApiProblem invalid) {
            List<FieldProblem> all = new ArrayList<>(invalid.response().problems());
            all.addAll(ruleProblems);
            throw ApiProblem.invalid(all);
        }
        if (!ruleProblems.isEmpty()) {
            throw ApiProblem.invalid(ruleProblems);
        }
        return new ProviderDraft(name.orElseThrow(), issuer.orElseThrow(), clientId.orElseThrow(), secret, scopes, emailClaim, groupsClaim,
                allowUnverified, link, rules, defaultTeam, defaultRole, enabled);
    }

    /** A rule's JSON shape (its values are checked by the use case, with every other problem of the provider). */
    private static Optional<ManageOidcProvidersUseCase.RuleDraft> rule(JsonNode node, String at, List<FieldProblem> problems) {
        if (node == null || !node.isObject()) {
            problems.add(new FieldProblem(at, "must be an object {group, team, role, platformAdmin}"));
            return Optional.empty();
        }
        JsonFields f = new JsonFields((ObjectNode) node, Set.of("group", "team", "role", "platformAdmin"));
        Optional<String> group = f.requiredText("group");
        Optional<String> team = f.optionalText("team", null);
        Optional<String> role = f.optionalText("role", null);
        boolean admin = f.optionalBoolean("platformAdmin").orElse(false);
        try {
            f.throwIfInvalid();
            return Optional.of(new ManageOidcProvidersUseCase.RuleDraft(group.orElseThrow(), team, role, admin));
        } catch (ApiProblem invalid) {
            invalid.response().problems().forEach(p -> problems.add(new FieldProblem(at + "." + p.field(), p.message())));
        }
        return Optional.empty();
    }

    private static Map<String, Object> response(OidcProvider p) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", p.id().toString());
        r.put("name", p.name());
        r.put("issuer", p.issuer().toString());
        r.put("clientId", p.clientId());
        r.put("clientSecretSet", p.clientSecretEnvelope().isPresent());
        r.put("scopes", p.scopes());
        r.put("emailClaim", p.emailClaim());
        r.put("groupsClaim", p.groupsClaim());
        r.put("allowUnverifiedEmail", p.allowUnverifiedEmail());
        r.put("linkExistingUsers", p.linkExistingUsers());
        List<Map<String, Object>> rules = new ArrayList<>();
        for (GroupRule rule : p.rules()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", rule.group());
            rule.team().ifPresent(t -> m.put("team", t.value()));
            rule.role().ifPresent(role -> m.put("role", role.name()));
            m.put("platformAdmin", rule.platformAdmin());
            rules.add(m);
        }
        r.put("rules", rules);
        p.defaultTeam().ifPresent(t -> r.put("defaultTeam", t.value()));
        p.defaultRole().ifPresent(role -> r.put("defaultRole", role.name()));
        r.put("enabled", p.enabled());
        r.put("redirectPath", SignInWithOidcUseCase.CALLBACK_PATH);
        r.put("createdAt", p.createdAt().toString());
        r.put("updatedAt", p.updatedAt().toString());
        return r;
    }
}
