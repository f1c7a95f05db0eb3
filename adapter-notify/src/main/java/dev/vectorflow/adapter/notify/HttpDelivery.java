package dev.vectorflow.adapter.notify;

import dev.vectorflow.ports.out.alert.DeliveryOutcome;
import dev.vectorflow.ports.out.alert.DeliveryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One JSON POST to a receiver through OkHttp, behind the {@link AddressGuard}: the host is resolved and checked once,
 * OkHttp connects only to those addresses ({@link PinnedDns}, no proxy), redirects are not followed, the policy's
 * timeout bounds the connect and the whole call, and at most {@value #BODY_CAP} bytes of the answer are read.
 */
final class HttpDelivery {

    /** How much of a receiver's answer is read; only a cleaned excerpt of it ever reaches an error text. */
    static final int BODY_CAP = 4096;
    private static final int EXCERPT = 200;
    private static final Duration LONGEST = Duration.ofHours(1);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final AddressGuard guard;
    private final OkHttpClient base;

    HttpDelivery(AddressGuard guard) {
        this.guard = guard;
        // No idle connections kept: each delivery resolves and checks its host anew, so no socket outlives the check.
        this.base = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
    }

    /** Why {@code url} cannot be posted to: a scheme other than http(s), no host, a refused or unresolvable address. */
    List<String> problems(String field, URI url, DeliveryPolicy policy) {
        List<String> problems = new ArrayList<>();
        Optional<HttpUrl> parsed = parse(url);
        if (parsed.isEmpty()) {
            problems.add("'" + field + "' must be an http or https URL with a host");
            return problems;
        }
        guard.resolve(parsed.get().host(), policy).problem().ifPresent(problem -> problems.add("'" + field + "': " + problem));
        return problems;
    }

    /**
     * Posts each JSON body in turn to {@code url} with {@code headers}, all through one checked DNS answer and within one
     * policy timeout; stops at the first failure. Never throws for what the network or the receiver did.
     */
    DeliveryOutcome post(URI url, Map<String, String> headers, List<String> bodies, DeliveryPolicy policy) {
        long started = System.nanoTime();
        long deadline = started + policy.timeout().toNanos();
        Optional<HttpUrl> parsed = parse(url);
        if (parsed.isEmpty()) {
            return Outcomes.failed(false, OptionalInt.empty(), started, "the URL must be http or https with a host");
        }
        HttpUrl target = parsed.get();
        AddressGuard.Resolution resolution = guard.resolve(target.host(), policy);
        if (!(resolution instanceof AddressGuard.Resolution.Allowed allowed)) {
            return Outcomes.refused(resolution, started);
        }
        PinnedDns dns = new PinnedDns(target.host(), allowed.addresses());
        OptionalInt lastCode = OptionalInt.empty();
        for (int i = 0; i < bodies.size(); i++) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            String before = bodies.size() > 1 ? "after " + i + " of " + bodies.size() + " requests: " : "";
            if (left.toMillis() < 1) {
                return Outcomes.failed(true, lastCode, started, before + "timed out");
            }
            Attempt attempt = once(client(dns, left), target, headers, bodies.get(i));
            if (attempt.error().isPresent()) {
                return Outcomes.failed(attempt.retryable(), attempt.code(), started, before + attempt.error().get());
            }
            lastCode = attempt.code();
        }
        return Outcomes.delivered(lastCode, started);
    }

    /** What one request came to: a status code and, when it failed, why and whether another try may pass. */
    private record Attempt(OptionalInt code, Optional<String> error, boolean retryable) {
    }

    private OkHttpClient client(PinnedDns dns, Duration left) {
        // OkHttp reads 0 as "no timeout" and refuses more than Integer.MAX_VALUE ms; a delivery never needs an hour
        Duration timeout = left.compareTo(LONGEST) > 0 ? LONGEST : left;
        return base.newBuilder()
                .dns(dns)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(timeout)
                .build();
    }

    private static Attempt once(OkHttpClient client, HttpUrl target, Map<String, String> headers, String json) {
        Request.Builder request = new Request.Builder().url(target).post(RequestBody.create(json.getBytes(StandardCharsets.UTF_8), JSON))
                .header("User-Agent", "VectorFlow-Alerts");
        headers.forEach(request::header);
        try (Response response = client.newCall(request.build()).execute()) {
            int code = response.code();
            String excerpt = excerpt(response.body());
            if (code >= 200 && code < 300) {
                return new Attempt(OptionalInt.of(code), Optional.empty(), false);
            }
            if (code >= 300 && code < 400) {
                return new Attempt(OptionalInt.of(code), Optional.of("the receiver answered " + code
                        + " (a redirect, which is not followed: point the channel at the final URL)"), false);
            }
            boolean retryable = code >= 500 || code == 408 || code == 429;
            return new Attempt(OptionalInt.of(code), Optional.of("the receiver answered " + code + (excerpt.isEmpty() ? "" : ": " + excerpt)),
                    retryable);
        } catch (IOException e) {
            return new Attempt(OptionalInt.empty(), Optional.of(describe(e, target)), retryable(e));
        }
    }

    private static Optional<HttpUrl> parse(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        HttpUrl parsed = HttpUrl.parse(url.toString());
        return parsed == null || parsed.host().isEmpty() ? Optional.empty() : Optional.of(parsed);
    }

    private static String excerpt(ResponseBody body) throws IOException {
        try (InputStream in = body.byteStream()) {
            return Texts.clean(new String(in.readNBytes(BODY_CAP), StandardCharsets.UTF_8), EXCERPT);
        }
    }

    /** Timeouts, refused and reset connections may pass; a TLS failure (certificate, protocol) will not by itself. */
    private static boolean retryable(IOException e) {
        return !(e instanceof SSLException);
    }

    /** A short error for people; the URL's path and query (a Slack or Teams secret) never appear in it. */
    private static String describe(IOException e, HttpUrl target) {
        String what;
        if (e instanceof InterruptedIOException) {
            what = "timed out";
        } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            what = "could not connect";
        } else if (e instanceof SSLException) {
            what = "TLS failed";
        } else {
            what = "the connection failed";
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (target.encodedPath().length() > 1) {
            detail = detail.replace(target.encodedPath(), "/…");
        }
        if (target.encodedQuery() != null) {
            detail = detail.replace(target.encodedQuery(), "…");
        }
        return what + " (" + Texts.clean(target.host(), 100) + "): " + Texts.clean(detail, EXCERPT);
    }
}
