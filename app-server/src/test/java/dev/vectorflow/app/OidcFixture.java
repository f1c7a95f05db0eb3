package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OpenID provider in the test JVM (navikt's mock-oauth2-server: discovery, JWKS, authorization code with PKCE, signed
 * ID tokens), and a browser's part of a sign-in done with plain HTTP: start at VectorFlow, follow the provider's redirect,
 * come back to the callback with the cookies a browser would send.
 */
final class OidcFixture implements AutoCloseable {

    static final String ISSUER_ID = "corp";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final MockOAuth2Server provider;

    OidcFixture(boolean interactiveLogin) throws IOException {
        provider = new MockOAuth2Server(new OAuth2Config(interactiveLogin));
        provider.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    String issuer() {
        return provider.issuerUrl(ISSUER_ID).toString();
    }

    /** The claims the provider puts into the next ID token it issues (subject, e-mail, groups, anything else). */
    void nextSignIn(String subject, Map<String, Object> claims, long expirySeconds) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", null, claims, expirySeconds));
    }

    void nextSignIn(String subject, String email, List<String> groups) {
        nextSignIn(subject, Map.of("email", email, "email_verified", true, "groups", groups, "name", subject), 3600);
    }

    /** A provider configuration for the API ({@code rules} as JSON). */
    static String providerJson(String name, String issuer, String rules, String extra) {
        return "{\"name\":\"" + name + "\",\"issuer\":\"" + issuer + "\",\"clientId\":\"vectorflow\",\"clientSecret\":\"client-secret\","
                + "\"scopes\":[\"openid\",\"email\",\"profile\"],\"groupsClaim\":\"groups\",\"rules\":" + rules + extra + "}";
    }

    /** How a sign-in through the provider ended: where the callback sent the browser, and the session cookie if one was set. */
    record Outcome(String location, Optional<String> session, Optional<String> error, String state, String code, String binding) {
        boolean signedIn() {
            return session.isPresent() && location.equals("/");
        }

        /** The reason code of a refused sign-in ({@code state}, {@code token}, ...). */
        String reason() {
            return location.replaceFirst("^/\\?signInError=", "");
        }
    }

    /** A whole sign-in as a browser does it. */
    static Outcome signIn(TestServer server, String providerId) {
        Started started = start(server, providerId);
        HttpResponse<String> atProvider = send(HttpRequest.newBuilder(started.authorizationUrl()).GET());
        assertThat(atProvider.statusCode()).as(atProvider.body()).isEqualTo(302);
        URI callback = URI.create(atProvider.headers().firstValue("Location").orElseThrow());
        return callback(callback, started.binding());
    }

    /** The start: VectorFlow's answer and the browser-binding cookie it set. */
    record Started(URI authorizationUrl, String binding) {
    }

    static Started start(TestServer server, String providerId) {
        ApiClient.Answer answer = server.anonymous.postJson("/api/auth/oidc/" + providerId + "/start", "{}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return new Started(URI.create(answer.json().get("authorizationUrl").asText()), answer.cookie("vf_oidc").orElseThrow());
    }

    /** The provider's redirect back, followed with the binding cookie (null: a browser that did not start this sign-in). */
    static Outcome callback(URI callback, String binding) {
        HttpRequest.Builder request = HttpRequest.newBuilder(callback).GET();
        if (binding != null) {
            request.header("Cookie", "vf_oidc=" + binding);
        }
        HttpResponse<String> back = send(request);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
        Map<String, String> query = query(callback.getRawQuery());
        return new Outcome(back.headers().firstValue("Location").orElseThrow(), cookie(back, "vf_session").filter(v -> !v.isEmpty()),
                cookie(back, "vf_sign_in_error").map(v -> URLDecoder.decode(v, StandardCharsets.UTF_8)), query.get("state"), query.get("code"), binding);
    }

    /** A client signed in with the session a sign-in opened. */
    static ApiClient client(TestServer server, Outcome outcome) {
        ApiClient withCookie = server.anonymous.withSession(outcome.session().orElseThrow(), null);
        String csrf = withCookie.get("/api/session").json().get("csrfToken").asText();
        return server.anonymous.withSession(outcome.session().orElseThrow(), csrf);
    }

    private static Optional<String> cookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        provider.shutdown();
    }

    /**
     * A reverse proxy in front of the provider that can break the signature of the ID tokens it passes on. The provider
     * believes it lives at the proxy's address ({@code X-Forwarded-Port}), so discovery, issuer and tokens all name it.
     */
    static final class TamperingProxy implements AutoCloseable {

        private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "transfer-encoding", "upgrade", "expect");
        private final HttpServer server;
        private final URI target;
        volatile boolean breakSignatures;

        TamperingProxy(URI target) throws IOException {
            this.target = target;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::forward);
            server.start();
        }

        /** The issuer as the provider names it behind the proxy (it names hosts as it was reached: localhost). */
        String issuer() {
            return "http://localhost:" + server.getAddress().getPort() + "/" + ISSUER_ID;
        }

        private void forward(HttpExchange exchange) throws IOException {
            URI uri = target.resolve(exchange.getRequestURI().getRawPath() + (exchange.getRequestURI().getRawQuery() == null ? ""
                    : "?" + exchange.getRequestURI().getRawQuery()));
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("X-Forwarded-Port", String.valueOf(server.getAddress().getPort()));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<String> answer = send(request);
            String text = answer.body();
            if (exchange.getRequestURI().getPath().endsWith("/token")) {
                // an access token's lifetime is the provider's business: a negative one (of an expired ID token) is answered as 60 s
                text = text.replaceAll("\"expires_in\"\\s*:\\s*-\\d+", "\"expires_in\":60");
            }
            if (breakSignatures && exchange.getRequestURI().getPath().endsWith("/token")) {
                // the first character of the signature becomes another one: the token no longer verifies
                text = java.util.regex.Pattern.compile("(\"id_token\"\\s*:\\s*\"[^.\"]+\\.[^.\"]+\\.)([A-Za-z0-9_-])").matcher(text)
                        .replaceFirst(m -> m.group(1) + (m.group(2).equals("A") ? "B" : "A"));
            }
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            byte[] out = text.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
