package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.app.ApiClient.Answer;
import java.time.Duration;

/** What the promotion tests (API and browser) promote: a pipeline needing a secret and a certificate of its environment. */
final class PromotionFixture {

    /** A demo source into an HTTP sink that needs the secret {@code api_token} and the certificate {@code edge}. */
    static final String GRAPH = """
            {"components":[
              {"key":"demo","kind":"source","type":"demo_logs","options":{"format":"json"}},
              {"key":"out","kind":"sink","type":"http","options":{"uri":"https://dev.logs.example.com","encoding":{"codec":"json"},
                "auth":{"strategy":"bearer","token":"SECRET[api_token]"},"tls":{"crt_file":"CERT[edge]","key_file":"CERT[edge]"}}}],
             "edges":[{"from":"demo","to":"out"}]}""";

    private PromotionFixture() {
    }

    /** Stores the secret and the certificate {@link #GRAPH} needs in {@code environment}, as {@code as}. */
    static void secretAndCertificate(ApiClient as, String environment) {
        assertThat(as.postJson("/api/environments/" + environment + "/secrets", ApiClient.json("name", "api_token", "value", "t-" + environment))
                .status()).isEqualTo(201);
        TestCertificates.Pem pem = TestCertificates.selfSigned("edge.example.com", Duration.ofDays(365));
        Answer cert = as.postJson("/api/environments/" + environment + "/certificates", ApiClient.json("name", "edge",
                "certificate", pem.certificate(), "privateKey", pem.privateKey()));
        assertThat(cert.status()).as(cert.body()).isEqualTo(201);
    }
}
