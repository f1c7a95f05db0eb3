package dev.vectorflow.adapter.vector.process;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.vectorflow.ports.in.agent.ComponentMetrics;
import dev.vectorflow.ports.in.agent.SampleResult;
import dev.vectorflow.ports.out.vector.runtime.VectorTelemetry;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@link VectorTelemetry} over a running Vector's loopback addresses: {@code GET /health} on the API,
 * {@code GET /metrics} on the Prometheus exporter, and {@code vector tap} for samples. Plain blocking
 * {@link HttpURLConnection} calls bounded by the timeout: they run on the caller's thread and need no client threads.
 */
public final class VectorApiTelemetry implements VectorTelemetry {

    /** A larger answer is not a metrics page of one pipeline. */
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final Path binary;
    private final JsonFactory json = new JsonFactory();

    public VectorApiTelemetry(Path binary) {
        this.binary = binary;
    }

    @Override
    public boolean healthy(String apiAddress, Duration timeout) {
        return get("http://" + apiAddress + "/health", timeout).isPresent();
    }

    @Override
    public Optional<List<ComponentMetrics>> scrape(String metricsAddress, Duration timeout) {
        return get("http://" + metricsAddress + "/metrics", timeout).map(PrometheusText::componentMetrics);
    }

    /** The body of a 200 answer; empty for any other status, a refused connection or a Vector that does not answer in time. */
    private static Optional<String> get(String url, Duration timeout) {
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(ms);
            connection.setReadTimeout(ms);
            connection.setUseCaches(false);
            if (connection.getResponseCode() != 200) {
                connection.disconnect();
                return Optional.empty();
            }
            try (InputStream in = connection.getInputStream()) {
                return Optional.of(new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8));
            }
        } catch (IOException | IllegalArgumentException e) {
            if (connection != null) {
                connection.disconnect();
            }
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
                    try (JsonParser event = json.createParser(line)) {
                        event.nextToken();
                        events.add(TreeValues.read(event));
                    } catch (IOException notJson) {
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
