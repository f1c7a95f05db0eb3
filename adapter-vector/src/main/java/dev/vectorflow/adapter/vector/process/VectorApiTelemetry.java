package dev.vectorflow.adapter.vector.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.ports.in.agent.ComponentMetrics;
import dev.vectorflow.ports.in.agent.SampleResult;
import dev.vectorflow.ports.out.vector.runtime.VectorTelemetry;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@link VectorTelemetry} over a running Vector's loopback addresses: {@code GET /health} on the API,
 * {@code GET /metrics} on the Prometheus exporter, and {@code vector tap} for samples.
 */
public final class VectorApiTelemetry implements VectorTelemetry {

    private final Path binary;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public VectorApiTelemetry(Path binary) {
        this.binary = binary;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public boolean healthy(String apiAddress, Duration timeout) {
        return get("http://" + apiAddress + "/health", timeout).map(r -> r.statusCode() == 200).orElse(false);
    }

    @Override
    public Optional<List<ComponentMetrics>> scrape(String metricsAddress, Duration timeout) {
        return get("http://" + metricsAddress + "/metrics", timeout)
                .filter(r -> r.statusCode() == 200)
                .map(r -> PrometheusText.componentMetrics(r.body()));
    }

    private Optional<HttpResponse<String>> get(String url, Duration timeout) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
            // sendAsync + a hard deadline: a Vector that accepts the connection and never answers cannot hold us
            return Optional.of(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    @Override
    public SampleResult sample(String apiAddress, String requestId, String componentKey, int limit, Duration timeout) {
        List<String> command = List.of(binary.toString(), "tap", "--url", "http://" + apiAddress, "--outputs-of", componentKey,
                "--limit", Integer.toString(limit), "--format", "json", "--quiet", "--duration-ms", Long.toString(timeout.toMillis()));
        try {
            Process p = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readNBytes(4 * 1024 * 1024);
            if (!p.waitFor(timeout.toMillis() + 5000, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
            }
            List<Object> events = new ArrayList<>();
            for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
                if (events.size() >= limit) {
                    break;
                }
                if (line.startsWith("{")) {
                    try {
                        events.add(json.readValue(line, Object.class));
                    } catch (JsonProcessingException ignored) {
                        // a notice line, not an event
                    }
                }
            }
            if (events.isEmpty()) {
                String why = p.isAlive() ? "vector tap did not finish" : "vector tap exited with " + p.exitValue();
                return new SampleResult(requestId, componentKey, List.of(), List.of(),
                        "no events from '" + componentKey + "' within " + timeout.toMillis() + " ms (" + why + ")");
            }
            return new SampleResult(requestId, componentKey, events, EventSchema.of(events), null);
        } catch (IOException e) {
            return new SampleResult(requestId, componentKey, List.of(), List.of(), "vector tap could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SampleResult(requestId, componentKey, List.of(), List.of(), "sampling was interrupted");
        }
    }
}
