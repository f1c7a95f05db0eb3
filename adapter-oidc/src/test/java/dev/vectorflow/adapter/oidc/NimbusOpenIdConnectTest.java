package dev.vectorflow.adapter.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import dev.vectorflow.core.identity.OidcProvider;
import dev.vectorflow.core.identity.OidcProviderId;
import dev.vectorflow.ports.out.identity.OidcFailure;
import dev.vectorflow.ports.out.identity.OpenIdConnect;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NimbusOpenIdConnectTest {

    private static final URI REDIRECT = URI.create("http://127.0.0.1:8080/api/auth/oidc/callback");
    private TestProvider idp;
    private NimbusOpenIdConnect oidc;

    @BeforeEach
    void start() throws IOException, JOSEException {
        idp = new TestProvider();
        // no pause between JWKS fetches, so a rotation right after a sign-in is seen at once
        oidc = new NimbusOpenIdConnect(new NimbusOpenIdConnect.Tuning(Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024, Duration.ZERO),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    private OidcProvider provider(String issuer) {
        Instant now = Instant.now();
        return new OidcProvider(new OidcProviderId(UUID.randomUUID()), "Test IdP", URI.create(issuer), TestProvider.CLIENT_ID, Optional.of("sealed"),
                List.of("openid", "email"), "email", "realm_access.roles", false, false, List.of(), Optional.empty(), Optional.empty(), true, now, now);
    }

    /** Start, "log in" at the provider, come back with the code. */
    private OpenIdConnect.VerifiedIdentity signIn(OidcProvider p) {
        OpenIdConnect.AuthorizationStart started = oidc.begin(p, REDIRECT);
        String code = idp.authorize(started.authorizationUri());
        return oidc.finish(p, Optional.of(TestProvider.CLIENT_SECRET), REDIRECT, code, started);
    }

    @Test
    void aSignIn_withPkceStateAndNonce_answersTheSubjectEmailAndNestedGroups() {
        OidcProvider p = provider(idp.issuer());
        OpenIdConnect.AuthorizationStart started = oidc.begin(p, REDIRECT);

        assertThat(started.authorizationUri().toString()).startsWith(idp.issuer() + "/authorize?").contains("code_challenge_method=S256",
                "state=" + started.state(), "nonce=" + started.nonce());
        assertThat(started.authorizationUri().toString()).doesNotContain(started.codeVerifier());
        OpenIdConnect.VerifiedIdentity who = oidc.finish(p, Optional.of(TestProvider.CLIENT_SECRET), REDIRECT, idp.authorize(started.authorizationUri()),
                started);

        assertThat(who.subject()).isEqualTo("subject-1");
        assertThat(who.email()).contains("ada@example.com");
        assertThat(who.emailVerified()).isTrue();
        assertThat(who.groups()).containsExactly("ops-admins", "readers");
    }

    @Test
    void aProviderThatRotatesItsKey_isFollowed_byFetchingTheJwksAgain() throws JOSEException {
        OidcProvider p = provider(idp.issuer());
        signIn(p);
        int fetches = idp.jwksFetches.get();

        idp.rotate();

        assertThat(signIn(p).subject()).isEqualTo("subject-1");
        assertThat(idp.jwksFetches.get()).isGreaterThan(fetches);
    }

    @Test
    void aTokenSignedWithAKeyTheProviderDoesNotPublish_isRefused() throws JOSEException {
        OidcProvider p = provider(idp.issuer());
        RSAKey published = idp.signingKey;
        // the same key id as the published key, another key pair
        idp.signingKey = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID(published.getKeyID()).generate();

        assertThatThrownBy(() -> signIn(p)).isInstanceOf(OidcFailure.class).hasMessageContaining("signature")
                .satisfies(e -> assertThat(((OidcFailure) e).kind()).isEqualTo(OidcFailure.Kind.TOKEN_REJECTED));
    }

    @Test
    void anUnsignedToken_isRefused() {
        idp.unsigned = true;
        assertThatThrownBy(() -> signIn(provider(idp.issuer()))).isInstanceOf(OidcFailure.class)
                .satisfies(e -> assertThat(((OidcFailure) e).kind()).isEqualTo(OidcFailure.Kind.TOKEN_REJECTED));
    }

    @Test
    void aTokenForAnotherAudience_isRefused() {
        idp.claims = b -> b.audience("someone-else");
        assertThatThrownBy(() -> signIn(provider(idp.issuer()))).isInstanceOf(OidcFailure.class).hasMessageContaining("audience");
    }

    @Test
    void anExpiredToken_isRefused() {
        idp.claims = b -> b.issueTime(new Date(System.currentTimeMillis() - 3_600_000)).expirationTime(new Date(System.currentTimeMillis() - 600_000));
        assertThatThrownBy(() -> signIn(provider(idp.issuer()))).isInstanceOf(OidcFailure.class).hasMessageContaining("xpired");
    }

    @Test
    void aTokenWithAnotherNonce_orIssuer_isRefused() {
        idp.claims = b -> b.claim("nonce", "replayed-nonce");
        assertThatThrownBy(() -> signIn(provider(idp.issuer()))).isInstanceOf(OidcFailure.class).hasMessageContaining("nonce");
        idp.claims = b -> b.issuer("https://evil.example.com");
        assertThatThrownBy(() -> signIn(provider(idp.issuer()))).isInstanceOf(OidcFailure.class).hasMessageContaining("issuer");
    }

    @Test
    void aDiscoveryDocumentOfAnotherIssuer_orWithPlainHttpEndpoints_makesTheProviderMisconfigured() {
        OidcProvider p = provider(idp.issuer());
        idp.discovery = d -> {
            d.put("issuer", "https://impostor.example.com");
            return d;
        };
        assertThat(oidc.problem(p)).get().asString().contains("discovery document");

        OidcProvider q = provider(idp.issuer());
        idp.discovery = d -> {
            d.put("token_endpoint", "http://tokens.example.com/token");
            return d;
        };
        assertThatThrownBy(() -> oidc.begin(q, REDIRECT)).isInstanceOf(OidcFailure.class).hasMessageContaining("token_endpoint")
                .satisfies(e -> assertThat(((OidcFailure) e).kind()).isEqualTo(OidcFailure.Kind.PROVIDER_MISCONFIGURED));
    }

    @Test
    void aProviderThatIsDown_isReportedQuickly_andAskedAgainOnlyAfterAPause() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        OidcProvider p = provider("http://127.0.0.1:" + port + "/realms/down");

        assertThat(oidc.problem(p)).get().asString().contains("cannot be reached");
        long started = System.nanoTime();
        assertThatThrownBy(() -> oidc.begin(p, REDIRECT)).isInstanceOf(OidcFailure.class)
                .satisfies(e -> assertThat(((OidcFailure) e).kind()).isEqualTo(OidcFailure.Kind.PROVIDER_UNAVAILABLE));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void theEndSessionAddress_carriesTheIdTokenHintAndWhereToGoAfterwards() {
        OidcProvider p = provider(idp.issuer());
        String idToken = signIn(p).idToken();

        URI out = oidc.endSession(p, idToken, URI.create("http://127.0.0.1:8080/")).orElseThrow();

        assertThat(out.toString()).startsWith(idp.issuer() + "/logout?").contains("id_token_hint=" + idToken,
                "post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2F");
    }

    @Test
    void aCodeRedeemedTwice_isRefusedByTheProvider() {
        OidcProvider p = provider(idp.issuer());
        OpenIdConnect.AuthorizationStart started = oidc.begin(p, REDIRECT);
        String code = idp.authorize(started.authorizationUri());
        oidc.finish(p, Optional.of(TestProvider.CLIENT_SECRET), REDIRECT, code, started);

        assertThatThrownBy(() -> oidc.finish(p, Optional.of(TestProvider.CLIENT_SECRET), REDIRECT, code, started)).isInstanceOf(OidcFailure.class)
                .hasMessageContaining("invalid_grant");
    }
}
