package dev.vectorflow.adapter.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A small OpenID provider for the adapter's tests, on a real HTTP server: discovery, JWKS, an authorization step the test
 * drives ({@link #authorize}: it checks the request and hands out a code), and a token endpoint that checks the client
 * secret and the PKCE verifier and signs ID tokens. Tests change what it answers: the claims, the signing key (rotation, or
 * a key the JWKS does not hold), the discovery document.
 */
final class TestProvider implements AutoCloseable {

    static final String CLIENT_ID = "vectorflow";
    static final String CLIENT_SECRET = "client-secret-1";

    private record Authorization(String redirectUri, String nonce, String challenge) {
    }

    private final HttpServer server;
    private final Map<String, Authorization> codes = new ConcurrentHashMap<>();
    final AtomicInteger jwksFetches = new AtomicInteger();
    final AtomicInteger discoveryFetches = new AtomicInteger();
    private final List<RSAKey> published = new ArrayList<>();
    volatile RSAKey signingKey;
    volatile UnaryOperator<JWTClaimsSet.Builder> claims = b -> b;
    volatile UnaryOperator<Map<String, Object>> discovery = d -> d;
    volatile boolean unsigned;

    TestProvider() throws IOException, JOSEException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        signingKey = newKey();
        published.add(signingKey);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/jwks", this::jwks);
        server.createContext("/token", this::token);
        server.start();
    }

    static RSAKey newKey() throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The provider starts signing with a new key and publishes it next to the old one. */
    synchronized void rotate() throws JOSEException {
        signingKey = newKey();
        published.add(signingKey);
    }

    /** What the provider's login page would do: check the authorization request and send back a code. */
    String authorize(URI authorizationUri) {
        Map<String, String> q = form(authorizationUri.getRawQuery());
        if (!CLIENT_ID.equals(q.get("client_id")) || !"code".equals(q.get("response_type")) || !"S256".equals(q.get("code_challenge_method"))
                || q.get("state") == null || q.get("nonce") == null || !q.get("scope").contains("openid")) {
            throw new IllegalStateException("bad authorization request: " + q);
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Authorization(q.get("redirect_uri"), q.get("nonce"), q.get("code_challenge")));
        return code;
    }

    private void discovery(HttpExchange exchange) throws IOException {
        discoveryFetches.incrementAndGet();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer());
        doc.put("authorization_endpoint", issuer() + "/authorize");
        doc.put("token_endpoint", issuer() + "/token");
        doc.put("jwks_uri", issuer() + "/jwks");
        doc.put("end_session_endpoint", issuer() + "/logout");
        doc.put("response_types_supported", List.of("code"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
        answer(exchange, 200, JSONObjectUtils.toJSONString(discovery.apply(doc)));
    }

    private synchronized void jwks(HttpExchange exchange) throws IOException {
        jwksFetches.incrementAndGet();
        answer(exchange, 200, new JWKSet(new ArrayList<>(published)).toPublicJWKSet().toString());
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> f = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        Authorization a = codes.remove(f.getOrDefault("code", ""));
        if (a == null || !a.redirectUri().equals(f.get("redirect_uri")) || !a.challenge().equals(s256(f.getOrDefault("code_verifier", "")))) {
            answer(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"code, redirect or PKCE verifier wrong\"}");
            return;
        }
        Date now = new Date();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(issuer()).subject("subject-1").audience(CLIENT_ID)
                .issueTime(now).expirationTime(new Date(now.getTime() + 300_000)).claim("nonce", a.nonce())
                .claim("email", "ada@example.com").claim("email_verified", true)
                .claim("realm_access", Map.of("roles", List.of("ops-admins", "readers")));
        JWTClaimsSet set = claims.apply(builder).build();
        String idToken;
        try {
            if (unsigned) {
                idToken = new PlainJWT(set).serialize();
            } else {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), set);
                jwt.sign(new RSASSASigner(signingKey));
                idToken = jwt.serialize();
            }
        } catch (JOSEException e) {
            throw new IOException(e);
        }
        answer(exchange, 200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":300,\"id_token\":\"" + idToken + "\"}");
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text == null) {
            return values;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
