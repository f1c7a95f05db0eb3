package dev.vectorflow.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Vector's {@code exec} secret backend protocol: run {@code command}, write
 * {@code {"version":"1.0","secrets":[...]}} to its stdin, read {@code {"key":{"value":..,"error":..}}} from stdout.
 */
final class ExecSecretBackend {

    private ExecSecretBackend() {
    }

    /** Why a secret could not be fetched. */
    static final class SecretFailure extends Exception {
        SecretFailure(String message) {
            super(message);
        }
    }

    static Map<String, String> fetch(JsonNode config, Collection<String> keys) throws SecretFailure {
        List<String> command = new ArrayList<>();
        config.path("command").forEach(c -> command.add(c.asText()));
        if (command.isEmpty()) {
            throw new SecretFailure("missing field `command`");
        }
        long timeoutSecs = config.path("timeout").asLong(5);
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("version", "1.0");
            request.put("secrets", List.copyOf(keys));
            try (OutputStream in = p.getOutputStream()) {
                in.write(StandinConfig.JSON.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // a command that does not read its stdin answers (or fails) below
            }
            byte[] stdout = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSecs, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SecretFailure("command timed out after " + timeoutSecs + " s");
            }
            if (p.exitValue() != 0) {
                throw new SecretFailure("command exited with " + p.exitValue());
            }
            JsonNode answer = StandinConfig.JSON.readTree(new String(stdout, StandardCharsets.UTF_8).strip());
            Map<String, String> values = new LinkedHashMap<>();
            for (String key : keys) {
                JsonNode entry = answer == null ? null : answer.get(key);
                if (entry == null) {
                    throw new SecretFailure("secret \"" + key + "\" is missing from the answer");
                }
                if (entry.hasNonNull("error")) {
                    throw new SecretFailure("secret \"" + key + "\": " + entry.get("error").asText());
                }
                if (!entry.hasNonNull("value")) {
                    throw new SecretFailure("secret \"" + key + "\" has no value");
                }
                values.put(key, entry.get("value").asText());
            }
            return values;
        } catch (IOException e) {
            throw new SecretFailure("could not run " + command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretFailure("interrupted");
        }
    }
}
