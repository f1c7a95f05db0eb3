package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.app.ApiClient.Answer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server answers for paths it has no endpoint for (a JSON 404 under /api, the UI page only for the UI's own
 * routes), and the browser security headers on every answer.
 */
class PathsAndHeadersTest {

    @TempDir
    static Path dir;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Answer get(String path, String accept) {
        return server.anonymous.send(server.anonymous.request(path).header("Accept", accept).GET());
    }

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Test
    void givenAnUnknownApiPath_theAnswerIsAProblem404_evenForABrowser() {
        for (String path : List.of("/api", "/api/", "/api/nope", "/api/nodes/x/y/z/w", "/api/openapi.yaml", "/api/environments/not-an-id/zzz")) {
            for (String accept : List.of(BROWSER, "*/*", "application/json")) {
                Answer answer = get(path, accept);
                assertThat(answer.status()).as(path + " " + accept).isEqualTo(404);
                assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
                assertThat(answer.json().get("detail").asText()).as(path).contains("There is no endpoint");
            }
        }
        Answer post = server.anonymous.postJson("/api/nope", "{}");
        assertThat(post.status()).isEqualTo(404);
        assertThat(post.contentType()).startsWith("application/problem+json");
    }

    @Test
    void givenAPathThatIsNeitherAUiRouteNorAFile_theAnswerIs404_theUiPageOnlyForABrowser() {
        Answer openApi = get("/openapi.json", "*/*");
        assertThat(openApi.status()).isEqualTo(404);
        assertThat(openApi.body()).doesNotContain("<html");
        assertThat(get("/openapi.json", BROWSER).status()).isEqualTo(404);
        assertThat(get("/swagger-ui/index.html", BROWSER).status()).isEqualTo(404);
        assertThat(get("/assets/missing.js", BROWSER).status()).isEqualTo(404);

        Answer unknownPage = get("/no-such-page", BROWSER);
        assertThat(unknownPage.status()).as("the UI shows its 'not found' screen, with the right status").isEqualTo(404);
        assertThat(unknownPage.contentType()).startsWith("text/html");
        assertThat(get("/no-such-page", "application/json").status()).isEqualTo(404);
    }

    @Test
    void givenAUiRoute_theUiPageIsServed() {
        for (String path : List.of("/", "/pipelines", "/pipelines/0190a0a0-0000-7000-8000-000000000000", "/fleet", "/fleet/nodes/abc",
                "/fleet/enrollment", "/secrets", "/admin", "/tokens", "/audit", "/setup", "/account/password")) {
            Answer page = get(path, BROWSER);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.contentType()).as(path).startsWith("text/html");
            assertThat(page.body()).as(path).contains("<div id=\"root\"");
        }
        String index = get("/", BROWSER).body();
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
        assertThat(script.find()).as(index).isTrue();
        Answer asset = get(script.group(1), "*/*");
        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.contentType()).contains("javascript");
    }

    @Test
    void everyAnswer_carriesTheBrowserSecurityHeaders() {
        List<HttpRequest.Builder> requests = List.of(
                server.anonymous.request("/").header("Accept", BROWSER).GET(),
                server.anonymous.request("/pipelines/x").header("Accept", BROWSER).GET(),
                server.anonymous.request("/api/health").GET(),
                server.anonymous.request("/api/session").GET(),
                server.anonymous.request("/api/nope").GET(),
                server.anonymous.request("/no-such-page").GET(),
                server.anonymous.request("/api/session").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"x@example.com\",\"password\":\"wrong password\"}")));
        for (HttpRequest.Builder request : requests) {
            Answer answer = server.anonymous.send(request);
            var headers = answer.raw().headers();
            String what = answer.raw().request().method() + " " + answer.raw().request().uri().getPath() + " -> " + answer.status();
            String csp = headers.firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(what).contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'")
                    .doesNotContain("unsafe-eval");
            assertThat(csp).as(what + ": scripts only from the server itself").containsPattern("script-src 'self'(;|$)");
            assertThat(headers.firstValue("X-Frame-Options")).as(what).hasValue("DENY");
            assertThat(headers.firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
            assertThat(headers.firstValue("Referrer-Policy")).as(what).hasValue("same-origin");
        }
    }
}
