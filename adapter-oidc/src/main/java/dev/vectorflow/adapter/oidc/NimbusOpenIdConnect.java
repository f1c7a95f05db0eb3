package dev.vectorflow.adapter.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.vectorflow.core.identity.OidcProvider;
import dev.vectorflow.core.identity.OidcProviderId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.out.identity.OidcFailure;
import dev.vectorflow.ports.out.identity.OidcFailure.Kind;
import dev.vectorflow.ports.out.identity.OpenIdConnect;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link OpenIdConnect} with Nimbus {@code oauth2-oidc-sdk}: the discovery document (its issuer must be the configured one,
 * its endpoints https or loopback), the authorization request with PKCE (S256), state and nonce, the token request
 * (client secret basic or post, or a public client), and the ID token checked by {@link IDTokenValidator}: signature
 * against the provider's JWKS (fetched again when a token names a key it does not know, so key rotation just works),
 * issuer, audience, expiry and issue time (60 s of clock skew) and nonce. Discovery documents are kept for an hour; a
 * failure for 15 seconds, so a provider that is down answers quickly.
 */
public final class NimbusOpenIdConnect implements OpenIdConnect {

    private static final Logger LOG = LoggerFactory.getLogger(NimbusOpenIdConnect.class);
    /** The signature algorithms an ID token may use (never "none", never an HMAC with the client secret). */
    private static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256,
            JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA,
            JWSAlgorithm.Ed25519);
    private static final Duration METADATA_LIFETIME = Duration.ofHours(1);
    private static final Duration FAILURE_LIFETIME = Duration.ofSeconds(15);
    private static final int MAX_GROUPS = 1000;

    /** How the adapter talks to providers: timeouts, the largest document, and how often a JWKS may be fetched again. */
    public record Tuning(Duration connectTimeout, Duration readTimeout, int maxDocumentBytes, Duration jwksRefreshInterval) {
        public static Tuning defaults() {
            return new Tuning(Duration.ofSeconds(3), Duration.ofSeconds(5), 256 * 1024, Duration.ofSeconds(10));
        }
    }

    /** What is known about one provider's configuration: its discovery document and JWKS source. */
    private record Discovered(String fingerprint, OIDCProviderMetadata metadata, JWKSource<SecurityContext> keys, Instant at) {
    }

    private record Failed(String fingerprint, OidcFailure failure, Instant at) {
    }

    private final Tuning tuning;
    private final Clock clock;
    private final Map<OidcProviderId, Discovered> discovered = new ConcurrentHashMap<>();
    private final Map<OidcProviderId, Failed> failed = new ConcurrentHashMap<>();

    public NimbusOpenIdConnect(Tuning tuning, Clock clock) {
        this.tuning = tuning;
        this.clock = clock;
    }

    private static String fingerprint(OidcProvider provider) {
        return provider.issuer() + "|" + provider.updatedAt();
    }

    /** The provider's discovery document and keys, from the cache or read now. */
    private Discovered discover(OidcProvider provider) {
        Instant now = clock.instant();
        String fingerprint = fingerprint(provider);
        Discovered known = discovered.get(provider.id());
        if (known != null && known.fingerprint().equals(fingerprint) && known.at().plus(METADATA_LIFETIME).isAfter(now)) {
            return known;
        }
        Failed recent = failed.get(provider.id());
        if (recent != null && recent.fingerprint().equals(fingerprint) && recent.at().plus(FAILURE_LIFETIME).isAfter(now)) {
            throw recent.failure();
        }
        try {
            OIDCProviderMetadata metadata = readMetadata(provider);
            URL jwks = metadata.getJWKSetURI().toURL();
            DefaultResourceRetriever retriever = new DefaultResourceRetriever(millis(tuning.connectTimeout()), millis(tuning.readTimeout()),
                    tuning.maxDocumentBytes());
            JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwks, retriever)
                    .cache(Duration.ofMinutes(15).toMillis(), Duration.ofSeconds(10).toMillis())
                    .rateLimited(tuning.jwksRefreshInterval().toMillis())
                    .refreshAheadCache(false)
                    .retrying(false)
                    .build();
            Discovered fresh = new Discovered(fingerprint, metadata, keys, now);
            discovered.put(provider.id(), fresh);
            failed.remove(provider.id());
            return fresh;
        } catch (OidcFailure failure) {
            failed.put(provider.id(), new Failed(fingerprint, failure, now));
            LOG.warn("OpenID provider {} ({}) cannot be used: {}", provider.name(), provider.issuer(), failure.getMessage());
            throw failure;
        } catch (MalformedURLException e) {
            OidcFailure failure = new OidcFailure(Kind.PROVIDER_MISCONFIGURED, provider.name() + "'s JWKS address is not a URL.", e);
            failed.put(provider.id(), new Failed(fingerprint, failure, now));
            throw failure;
        }
    }

    private OIDCProviderMetadata readMetadata(OidcProvider provider) {
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.resolve(new Issuer(provider.issuer()), millis(tuning.connectTimeout()), millis(tuning.readTimeout()));
        } catch (IOException e) {
            throw new OidcFailure(Kind.PROVIDER_UNAVAILABLE, provider.name() + " cannot be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ").", e);
        } catch (GeneralException e) {
            throw new OidcFailure(Kind.PROVIDER_MISCONFIGURED, provider.name() + "'s discovery document is not usable: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new OidcFailure(Kind.PROVIDER_MISCONFIGURED, provider.name() + "'s discovery document is not usable: " + e.getMessage(), e);
        }
        requireUsable(provider, "authorization_endpoint", metadata.getAuthorizationEndpointURI());
        requireUsable(provider, "token_endpoint", metadata.getTokenEndpointURI());
        requireUsable(provider, "jwks_uri", metadata.getJWKSetURI());
        if (metadata.getEndSessionEndpointURI() != null) {
            requireUsable(provider, "end_session_endpoint", metadata.getEndSessionEndpointURI());
        }
        return metadata;
    }

    /** Every address of a discovery document must be present and, like the issuer, https (or http on loopback). */
    private static void requireUsable(OidcProvider provider, String name, URI address) {
        if (address == null) {
            throw new OidcFailure(Kind.PROVIDER_MISCONFIGURED, provider.name() + "'s discovery document has no " + name + ".", null);
        }
        try {
            OidcProvider.requireDiscoverable(address);
        } catch (InvalidValueException e) {
            throw new OidcFailure(Kind.PROVIDER_MISCONFIGURED, provider.name() + "'s " + name + " " + e.problem() + ".", null);
        }
    }

    private static int millis(Duration d) {
        return Math.toIntExact(d.toMillis());
    }

    @Override
    public AuthorizationStart begin(OidcProvider provider, URI redirectUri) {
        Discovered d = discover(provider);
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope(provider.scopes().toArray(String[]::new)),
                new ClientID(provider.clientId()), redirectUri)
                .endpointURI(d.metadata().getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build();
        return new AuthorizationStart(request.toURI(), state.getValue(), nonce.getValue(), verifier.getValue());
    }

    @Override
    public VerifiedIdentity finish(OidcProvider provider, Optional<String> clientSecret, URI redirectUri, String code, AuthorizationStart started) {
        Discovered d = discover(provider);
        ClientID client = new ClientID(provider.clientId());
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, new CodeVerifier(started.codeVerifier()));
        URI tokenEndpoint = d.metadata().getTokenEndpointURI();
        TokenRequest request = clientSecret.map(secret -> new TokenRequest(tokenEndpoint, authentication(d.metadata(), client, secret), grant))
                .orElseGet(() -> new TokenRequest(tokenEndpoint, client, grant));
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout(millis(tuning.connectTimeout()));
        http.setReadTimeout(millis(tuning.readTimeout()));
        http.setFollowRedirects(false);
        TokenResponse response;
        try {
            HTTPResponse answer = http.send();
            response = OIDCTokenResponseParser.parse(answer);
        } catch (IOException e) {
            throw new OidcFailure(Kind.PROVIDER_UNAVAILABLE, provider.name() + "'s token endpoint cannot be reached (" + e.getMessage() + ").", e);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new OidcFailure(Kind.PROVIDER_MISCONFIGURED, provider.name() + "'s token endpoint answered something else than tokens ("
                    + e.getMessage() + ").", e);
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            throw new OidcFailure(Kind.PROVIDER_UNAVAILABLE, provider.name() + " refused the code: " + error.getCode()
                    + (error.getDescription() == null ? "" : " (" + error.getDescription() + ")") + ".", null);
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw new OidcFailure(Kind.TOKEN_REJECTED, provider.name() + " sent no ID token.", null);
        }
        Map<String, Object> claims = validate(provider, d, client, idToken, started.nonce());
        return identity(provider, claims, idToken.serialize());
    }

    private static ClientAuthentication authentication(OIDCProviderMetadata metadata, ClientID client, String secret) {
        List<ClientAuthenticationMethod> methods = metadata.getTokenEndpointAuthMethods();
        boolean postOnly = methods != null && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        return postOnly ? new ClientSecretPost(client, new Secret(secret)) : new ClientSecretBasic(client, new Secret(secret));
    }

    /** The ID token's claims when its signature, issuer, audience, expiry, issue time and nonce are right. */
    private static Map<String, Object> validate(OidcProvider provider, Discovered d, ClientID client, JWT idToken, String nonce) {
        Set<JWSAlgorithm> allowed = new HashSet<>(ASYMMETRIC);
        List<JWSAlgorithm> offered = d.metadata().getIDTokenJWSAlgs();
        if (offered != null && !offered.isEmpty()) {
            allowed.retainAll(offered);
        }
        IDTokenValidator validator = new IDTokenValidator(d.metadata().getIssuer(), client,
                new JWSVerificationKeySelector<>(allowed, d.keys()), null);
        validator.setMaxClockSkew(60);
        try {
            validator.validate(idToken, new Nonce(nonce));
            return idToken.getJWTClaimsSet().getClaims();
        } catch (BadJOSEException | com.nimbusds.jose.JOSEException | ParseException e) {
            throw new OidcFailure(Kind.TOKEN_REJECTED, provider.name() + "'s ID token was refused: " + e.getMessage(), e);
        }
    }

    private static VerifiedIdentity identity(OidcProvider provider, Map<String, Object> claims, String idToken) {
        String subject = Objects.toString(claims.get("sub"), "");
        if (subject.isBlank() || subject.length() > 255) {
            throw new OidcFailure(Kind.TOKEN_REJECTED, provider.name() + "'s ID token has no usable subject.", null);
        }
        Optional<String> email = claim(claims, provider.emailClaim()).map(Object::toString).filter(e -> !e.isBlank());
        Object verified = claims.get("email_verified");
        boolean emailVerified = Boolean.TRUE.equals(verified) || "true".equals(verified);
        List<String> groups = new ArrayList<>();
        claim(claims, provider.groupsClaim()).ifPresent(value -> {
            if (value instanceof List<?> list) {
                list.stream().filter(Objects::nonNull).map(Object::toString).limit(MAX_GROUPS).forEach(groups::add);
            } else {
                groups.add(value.toString());
            }
        });
        groups.removeIf(g -> g.isBlank() || g.length() > 256);
        Optional<String> name = Optional.ofNullable(claims.get("name")).map(Object::toString);
        return new VerifiedIdentity(subject, email, emailVerified, groups, name, idToken);
    }

    /** A claim by name; a name with dots that is not a claim itself reaches into objects ({@code realm_access.roles}). */
    private static Optional<Object> claim(Map<String, Object> claims, String name) {
        if (claims.containsKey(name)) {
            return Optional.ofNullable(claims.get(name));
        }
        Object at = claims;
        for (String part : name.split("\\.")) {
            if (!(at instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            at = map.get(part);
        }
        return Optional.ofNullable(at);
    }

    @Override
    public Optional<URI> endSession(OidcProvider provider, String idToken, URI afterSignOut) {
        URI endpoint = discover(provider).metadata().getEndSessionEndpointURI();
        if (endpoint == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LogoutRequest(endpoint, JWTParser.parse(idToken), null, new ClientID(provider.clientId()), afterSignOut, null, null)
                    .toURI());
        } catch (ParseException e) {
            return Optional.of(new LogoutRequest(endpoint).toURI());
        }
    }

    @Override
    public Optional<String> problem(OidcProvider provider) {
        try {
            discover(provider);
            return Optional.empty();
        } catch (OidcFailure failure) {
            return Optional.of(failure.getMessage());
        }
    }

    @Override
    public void forget(OidcProviderId provider) {
        discovered.remove(provider);
        failed.remove(provider);
    }
}
