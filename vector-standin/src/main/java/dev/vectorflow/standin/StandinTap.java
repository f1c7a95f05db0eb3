package dev.vectorflow.standin;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vector tap [-u URL] [--outputs-of P]... [-l LIMIT] [-f json] [-d MS] [-q] [PATTERNS]}: prints up to
 * LIMIT events per matched component as JSON lines, read from the running stand-in's API address; exit 69 when
 * the API cannot be reached, as Vector does.
 */
final class StandinTap {

    private StandinTap() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        String url = "http://127.0.0.1:8686";
        List<String> patterns = new ArrayList<>();
        int limit = 100;
        long durationMs = 0;
        boolean quiet = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            boolean hasValue = i + 1 < args.size();
            switch (a) {
                case "--url", "-u" -> url = hasValue ? args.get(++i) : url;
                case "--outputs-of", "--inputs-of" -> patterns.add(hasValue ? args.get(++i) : "");
                case "--limit", "-l" -> limit = Integer.parseInt(hasValue ? args.get(++i) : "100");
                case "--duration-ms", "-d" -> durationMs = Long.parseLong(hasValue ? args.get(++i) : "0");
                case "--interval", "-i" -> i++;
                case "--format", "-f" -> {
                    String format = hasValue ? args.get(++i) : "";
                    if (!format.equals("json")) {
                        err.println("error: the stand-in prints --format json only, not '" + format + "'");
                        return StandinMain.EXIT_USAGE;
                    }
                }
                case "--quiet", "-q" -> quiet = true;
                default -> {
                    if (a.startsWith("-")) {
                        err.println("error: unexpected argument '" + a + "' found");
                        return StandinMain.EXIT_USAGE;
                    }
                    patterns.add(a);
                }
            }
        }
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        URI uri = URI.create(base + "/_standin/tap?limit=" + limit + "&outputs_of="
                + URLEncoder.encode(String.join(",", patterns), StandardCharsets.UTF_8));
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
            if (durationMs > 0) {
                request.timeout(Duration.ofMillis(durationMs));
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                err.println("[tap] Vector API answered " + response.statusCode());
                return StandinMain.EXIT_UNAVAILABLE;
            }
            if (!quiet) {
                patterns.forEach(p -> err.println("[tap] Pattern '" + p + "' successfully matched."));
            }
            out.print(response.body());
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("[tap] Couldn't connect to Vector API via \"" + base + "\": " + e.getMessage());
            return StandinMain.EXIT_UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StandinMain.EXIT_UNAVAILABLE;
        }
    }
}
