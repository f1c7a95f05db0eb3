package dev.vectorflow.adapter.vector.process;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.vectorflow.ports.protocol.ComponentMetrics;
import dev.vectorflow.ports.protocol.SampleResult;
import dev.vectorflow.ports.out.vector.runtime.VectorTelemetry;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link VectorTelemetry} over a running Vector's loopback addresses: {@code GET /health} on the API,
 * {@code GET /metrics} on the Prometheus exporter, and {@code vector tap} for samples. Plain blocking
 * {@link HttpURLConnection} calls bounded by the timeout: they run on the caller's thread and need no client threads.
 */
public final class VectorApiTelemetry implements VectorTelemetry {

    /** {@code vector tap} exits with this when the API cannot be reached. */
    private static final int EXIT_UNAVAILABLE = 69;
    private static final long MAX_TAP_OUTPUT = 4L * 1024 * 1024;
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

    /**
     * {@code vector tap -u http://<api> --outputs-of <key> -l <limit> -f json -d <ms> -q}, the flags Vector 0.57's tap
     * takes (docs/vector.md, "Command line"). A tap may keep printing until its duration ends, so the output is read
     * line by line and the tap is stopped as soon as {@code limit} events are in; lines that are not JSON objects are
     * notices, the last of which explains an empty sample.
     */
    @Override
    public SampleResult sample(String apiAddress, String requestId, String componentKey, int limit, Duration timeout) {
        List<String> command = List.of(binary.toString(), "tap", "-u", "http://" + apiAddress, "--outputs-of", componentKey,
                "-l", Integer.toString(limit), "-f", "json", "-d", Long.toString(timeout.toMillis()), "-q");
        Process p;
        try {
            p = new ProcessBuilder(command).redirectInput(new File("/dev/null")).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new SampleResult(requestId, componentKey, List.of(), List.of(), "vector tap could not run: " + e.getMessage());
        }
        // a tap that neither ends nor prints is stopped, which ends the reading below
        CompletableFuture.delayedExecutor(timeout.toMillis() + 5000, TimeUnit.MILLISECONDS).execute(p::destroyForcibly);
        List<Object> events = new ArrayList<>();
        String notice = null;
        long read = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && events.size() < limit && read < MAX_TAP_OUTPUT; line = out.readLine()) {
                read += line.length() + 1;
                Object event = line.startsWith("{") ? event(line) : null;
                if (event != null) {
                    events.add(event);
                } else if (!line.isBlank()) {
                    notice = line.strip();
                }
            }
        } catch (IOException e) {
            notice = "reading vector tap failed: " + e.getMessage();
        } finally {
            p.destroyForcibly();
        }
        if (!events.isEmpty()) {
            awaitExit(p); // a stopped tap is gone when the sample is answered, not a moment later
            return new SampleResult(requestId, componentKey, events, EventSchema.of(events), null);
        }
        String why;
        try {
            why = !p.waitFor(5, TimeUnit.SECONDS) ? "vector tap did not finish"
                    : p.exitValue() == EXIT_UNAVAILABLE ? "Vector's API at " + apiAddress + " cannot be reached (vector tap exited with 69)"
                    : "vector tap exited with " + p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SampleResult(requestId, componentKey, List.of(), List.of(), "sampling was interrupted");
        }
        return new SampleResult(requestId, componentKey, List.of(), List.of(),
                "no events from '" + componentKey + "' within " + timeout.toMillis() + " ms (" + why + (notice == null ? "" : ": " + notice) + ")");
    }

    private Object event(String line) {
        try (JsonParser event = json.createParser(line)) {
            event.nextToken();
            return TreeValues.read(event);
        } catch (IOException notAnEvent) {
            return null;
        }
    }

    private static void awaitExit(Process p) {
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
