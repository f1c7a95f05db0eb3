package dev.vectorflow.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * A running stand-in: serves {@code /health} on the {@code api} address and Prometheus {@code /metrics} on every
 * {@code prometheus_exporter} address, counts events through every configured component, reloads on SIGHUP and
 * stops gracefully on SIGTERM (exit 0). Fault switches come from a {@code standin_fault} source
 * ({@code crash_after_secs}, {@code hang_after_secs}, {@code refuse_reload}, {@code exit_code}) or from the
 * environment ({@code VECTOR_STANDIN_CRASH_AFTER_SECS}, {@code VECTOR_STANDIN_HANG_AFTER_SECS},
 * {@code VECTOR_STANDIN_REFUSE_RELOAD}); the event rate and a crash of one pipeline also from a file a test changes while
 * it runs ({@link StandinControl}).
 */
final class StandinProcess {

    private static final long TICK_MS = 250;
    private static final int EVENTS_PER_TICK = 5;
    private static final int BYTES_PER_EVENT = 173;

    private final List<Path> paths;
    private final Map<String, String> env;
    private final boolean interpolate;
    private final PrintStream log;
    private final Instant startedAt = Instant.now();
    private final StandinControl control;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Counters> counters = new HashMap<>();
    private final Map<String, HttpServer> servers = new HashMap<>();
    private StandinConfig.Loaded config;
    private Instant configSince = Instant.now();
    /** The config files' text as loaded (the control file's fault applies to configs containing a marker). */
    private String configText = "";
    /** Events a source owes from earlier ticks when the control file asks for a rate that is not a whole number per tick. */
    private double owedEvents;
    private long reloaded;
    private long sequence;
    private volatile boolean draining;
    private volatile boolean hanging;

    private StandinProcess(List<Path> paths, Map<String, String> env, boolean interpolate, PrintStream log) {
        this.paths = paths;
        this.env = env;
        this.interpolate = interpolate;
        this.log = log;
        this.control = StandinControl.from(env);
    }

    /** Loads the config and starts; returns an exit code on failure, -1 when running. */
    static int start(List<Path> paths, Map<String, String> env, boolean interpolate, PrintStream log) {
        StandinProcess process = new StandinProcess(paths, env, interpolate, log);
        return process.begin();
    }

    private int begin() {
        log("INFO", "vector::app", "Log level is enabled. level=\"info\"");
        log("INFO", "vector::app", "Loading configs. paths=" + paths.stream().map(p -> "[\"" + p + "\"]").toList());
        StandinConfig.Loaded loaded = StandinConfig.load(paths, env, true, interpolate);
        if (!loaded.ok()) {
            List<String> errors = new ArrayList<>(loaded.loadErrors());
            errors.addAll(loaded.problems());
            errors.forEach(e -> log("ERROR", "vector::cli", "Configuration error. error=" + e));
            return StandinMain.EXIT_CONFIG;
        }
        if (StandinBatch.applies(loaded)) {
            return StandinBatch.run(loaded, System.in, log);
        }
        synchronized (this) {
            config = loaded;
            configText = text(paths);
            try {
                bindServers(loaded);
            } catch (IOException e) {
                log("ERROR", "vector::topology::builder", "Configuration error. error=" + e.getMessage());
                return StandinMain.EXIT_CONFIG;
            }
        }
        Signal.handle(new Signal("HUP"), s -> Thread.ofPlatform().start(this::reload));
        Signal.handle(new Signal("TERM"), s -> Thread.ofPlatform().start(this::stop));
        Signal.handle(new Signal("INT"), s -> Thread.ofPlatform().start(this::stop));
        ticker.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        log("INFO", "vector", "Vector has started. debug=\"false\" version=\"0.57.0\" arch=\"x86_64\" revision=\"standin\"");
        return -1;
    }

    private void bindServers(StandinConfig.Loaded loaded) throws IOException {
        Map<String, String> wanted = new LinkedHashMap<>();
        if (loaded.apiAddress() != null) {
            wanted.put(loaded.apiAddress(), "api");
        }
        loaded.exporterAddresses().forEach(a -> wanted.merge(a, "metrics", (x, y) -> x + "+" + y));
        for (String address : new ArrayList<>(servers.keySet())) {
            if (!wanted.containsKey(address)) {
                servers.remove(address).stop(0);
            }
        }
        for (Map.Entry<String, String> w : wanted.entrySet()) {
            if (servers.containsKey(w.getKey())) {
                continue;
            }
            int colon = w.getKey().lastIndexOf(':');
            InetSocketAddress address = new InetSocketAddress(w.getKey().substring(0, colon), Integer.parseInt(w.getKey().substring(colon + 1)));
            HttpServer server = HttpServer.create(address, 16);
            server.setExecutor(Executors.newFixedThreadPool(2));
            server.createContext("/health", this::health);
            server.createContext("/metrics", this::metrics);
            server.createContext("/_standin/tap", this::tap);
            server.start();
            servers.put(w.getKey(), server);
            if (w.getValue().contains("api")) {
                log("INFO", "vector::internal_events::api", "API server running. address=" + w.getKey() + " playground=off graphql=off");
            }
        }
    }

    private synchronized void tick() {
        StandinControl.Switches switches = control.now();
        checkFaults(switches);
        long perSource = EVENTS_PER_TICK;
        if (switches.eventsPerSecond() >= 0) {
            owedEvents += switches.eventsPerSecond() * TICK_MS / 1000.0;
            perSource = (long) owedEvents;
            owedEvents -= perSource;
        }
        Map<String, Long> out = new HashMap<>();
        for (StandinConfig.Component c : ordered()) {
            Counters k = counters.computeIfAbsent(c.id(), id -> new Counters());
            long in;
            if (c.kind().equals("source")) {
                in = c.type().equals(StandinConfig.FAULT_TYPE) ? 0 : perSource;
            } else {
                in = 0;
                for (String input : c.inputs()) {
                    for (String id : StandinConfig.matches(input, config.components().keySet())) {
                        in += out.getOrDefault(id, 0L);
                    }
                }
            }
            long dropped = c.type().equals("filter") ? in / 5 : 0;
            long sent = in - dropped;
            k.received += in;
            k.receivedBytes += in * BYTES_PER_EVENT;
            k.sent += sent;
            k.sentBytes += sent * BYTES_PER_EVENT;
            k.discarded += dropped;
            out.put(c.id(), sent);
        }
        sequence++;
    }

    /** Components in an order where every input comes before its consumer (cycles are cut). */
    private List<StandinConfig.Component> ordered() {
        List<StandinConfig.Component> order = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String id : config.components().keySet()) {
            visit(id, done, visiting, order);
        }
        return order;
    }

    private void visit(String id, Set<String> done, Set<String> visiting, List<StandinConfig.Component> order) {
        if (done.contains(id) || !visiting.add(id)) {
            return;
        }
        StandinConfig.Component c = config.components().get(id);
        for (String input : c.inputs()) {
            StandinConfig.matches(input, config.components().keySet()).forEach(i -> visit(i, done, visiting, order));
        }
        done.add(id);
        order.add(c);
    }

    private void checkFaults(StandinControl.Switches switches) {
        long seconds = java.time.Duration.between(configSince, Instant.now()).toSeconds();
        long crashAfter = faultLong("crash_after_secs", "VECTOR_STANDIN_CRASH_AFTER_SECS");
        long controlled = switches.crashAfterSecsFor(configText);
        if (controlled >= 0 && (crashAfter < 0 || controlled < crashAfter)) {
            crashAfter = controlled;
        }
        if (crashAfter >= 0 && seconds >= crashAfter) {
            int code = config.fault("exit_code") == null ? 101 : config.fault("exit_code").asInt();
            log("ERROR", "vector", "The stand-in crashes as configured (crash_after_secs=" + crashAfter + ").");
            Runtime.getRuntime().halt(code);
        }
        long hangAfter = faultLong("hang_after_secs", "VECTOR_STANDIN_HANG_AFTER_SECS");
        if (hangAfter >= 0 && seconds >= hangAfter && !hanging) {
            hanging = true;
            log("WARN", "vector", "The stand-in hangs as configured: /health and /metrics stop answering, SIGTERM is ignored.");
        }
    }

    private static String text(List<Path> paths) {
        StringBuilder text = new StringBuilder();
        for (Path p : paths) {
            try {
                text.append(java.nio.file.Files.readString(p, StandardCharsets.UTF_8)).append('\n');
            } catch (IOException e) {
                // loaded a moment ago; a file gone since then holds no marker
            }
        }
        return text.toString();
    }

    private long faultLong(String option, String variable) {
        JsonNode fromConfig = config.fault(option);
        if (fromConfig != null) {
            return fromConfig.asLong();
        }
        String fromEnv = env.get(variable);
        return fromEnv == null || fromEnv.isBlank() ? -1 : Long.parseLong(fromEnv.strip());
    }

    private void reload() {
        log("INFO", "vector", "Signal received. signal=\"SIGHUP\"");
        StandinConfig.Loaded next = StandinConfig.load(paths, env, true, interpolate);
        synchronized (this) {
            if (!next.loadErrors().isEmpty()) {
                next.loadErrors().forEach(e -> log("ERROR", "vector::config", e));
                log("ERROR", "vector", "Failed to load config files, reload aborted.");
                return;
            }
            if (!next.problems().isEmpty()) {
                next.problems().forEach(e -> log("ERROR", "vector::topology::builder", "Configuration error. error=" + e));
                log("ERROR", "vector", "Reload was not successful.");
                return;
            }
            JsonNode refuse = config.fault("refuse_reload");
            boolean refuseFromEnv = "true".equalsIgnoreCase(env.getOrDefault("VECTOR_STANDIN_REFUSE_RELOAD", ""));
            if ((refuse != null && refuse.asBoolean()) || refuseFromEnv) {
                log("ERROR", "vector::topology::running", "Unable to reload the topology (fault switch refuse_reload).");
                log("ERROR", "vector", "Reload was not successful.");
                return;
            }
            Set<String> changed = StandinConfig.changedGlobals(config, next);
            if (!changed.isEmpty()) {
                log("ERROR", "vector::topology::running", "Global options can't be changed while reloading config file; reload aborted. "
                        + "Please restart Vector to reload the configuration file. changed=" + changed);
                log("ERROR", "vector", "Reload was not successful.");
                return;
            }
            try {
                bindServers(next);
            } catch (IOException e) {
                log("ERROR", "vector::topology::builder", "Configuration error. error=" + e.getMessage());
                log("ERROR", "vector", "Reload was not successful.");
                return;
            }
            for (StandinConfig.Component c : next.components().values()) {
                StandinConfig.Component before = config.components().get(c.id());
                if (before == null || !before.options().equals(c.options())) {
                    counters.remove(c.id());
                }
            }
            counters.keySet().retainAll(next.components().keySet());
            config = next;
            configText = text(paths);
            configSince = Instant.now();
            reloaded++;
        }
        log("INFO", "vector", "Vector has reloaded. path=" + paths.stream().map(p -> "File(\"" + p + "\", None)").toList());
    }

    private void stop() {
        if (hanging) {
            log("WARN", "vector", "Signal received while hung; ignoring it.");
            return;
        }
        log("INFO", "vector", "Signal received. signal=\"SIGTERM\"");
        log("INFO", "vector", "Vector has stopped.");
        draining = true;
        ticker.shutdown();
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log("INFO", "vector", "Vector has quit.");
        System.exit(0);
    }

    private void health(HttpExchange exchange) throws IOException {
        blockWhileHanging();
        respond(exchange, draining ? 503 : 200, "application/json", draining ? "{\"ok\":false}" : "{\"ok\":true}");
    }

    private void metrics(HttpExchange exchange) throws IOException {
        blockWhileHanging();
        respond(exchange, 200, "text/plain; version=0.0.4", prometheusText());
    }

    private synchronized String prometheusText() {
        StringBuilder out = new StringBuilder();
        Map<String, List<String>> series = new LinkedHashMap<>();
        for (StandinConfig.Component c : config.components().values()) {
            Counters k = counters.getOrDefault(c.id(), new Counters());
            String tags = "component_id=\"" + c.id() + "\",component_kind=\"" + c.kind() + "\",component_type=\"" + c.type() + "\",host=\"standin\"";
            String outputTag = c.type().equals("route") ? ",output=\"_unmatched\"" : "";
            add(series, "component_received_events_total", tags, k.received);
            add(series, "component_received_event_bytes_total", tags, k.receivedBytes);
            if (!c.kind().equals("sink")) {
                add(series, "component_sent_events_total", tags + outputTag, k.sent);
                add(series, "component_sent_event_bytes_total", tags + outputTag, k.sentBytes);
            } else {
                add(series, "component_sent_events_total", tags, k.sent);
                add(series, "component_sent_event_bytes_total", tags, k.sentBytes);
            }
            add(series, "component_errors_total", tags + ",error_type=\"request_failed\",stage=\"processing\"", k.errors);
            add(series, "component_discarded_events_total", tags + ",intentional=\"true\"", k.discarded);
            add(series, "utilization", tags, 0.01);
        }
        add(series, "started_total", "host=\"standin\"", 1);
        add(series, "reloaded_total", "host=\"standin\"", reloaded);
        add(series, "uptime_seconds", "host=\"standin\"", java.time.Duration.between(startedAt, Instant.now()).toSeconds());
        add(series, "build_info", "arch=\"x86_64\",debug=\"false\",host=\"standin\",revision=\"standin\",rust_version=\"1.90\",version=\"0.57.0\"", 1);
        long now = System.currentTimeMillis();
        series.forEach((name, lines) -> {
            boolean gauge = name.equals("utilization") || name.equals("uptime_seconds") || name.equals("build_info");
            out.append("# HELP vector_").append(name).append(' ').append(name).append('\n');
            out.append("# TYPE vector_").append(name).append(gauge ? " gauge" : " counter").append('\n');
            lines.forEach(l -> out.append("vector_").append(name).append(l).append(' ').append(now).append('\n'));
        });
        return out.toString();
    }

    private static void add(Map<String, List<String>> series, String name, String tags, double value) {
        String number = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        series.computeIfAbsent(name, n -> new ArrayList<>()).add("{" + tags + "} " + number);
    }

    /** Stand-in side of {@code vector tap}: recent events at the outputs of the matching components, as JSON lines. */
    private void tap(HttpExchange exchange) throws IOException {
        blockWhileHanging();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
        StringBuilder out = new StringBuilder();
        synchronized (this) {
            for (String pattern : query.getOrDefault("outputs_of", "").split(",")) {
                if (pattern.isBlank()) {
                    continue;
                }
                for (String id : StandinConfig.matches(pattern, config.components().keySet())) {
                    StandinConfig.Component c = config.components().get(id);
                    for (int i = 0; i < limit; i++) {
                        out.append(StandinConfig.JSON.writeValueAsString(event(c, sequence * EVENTS_PER_TICK + i))).append('\n');
                    }
                }
            }
        }
        respond(exchange, 200, "application/x-ndjson", out.toString());
    }

    private Map<String, Object> event(StandinConfig.Component c, long n) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("host", "standin");
        e.put("message", "{\"method\":\"GET\",\"path\":\"/api/" + n + "\",\"status\":200}");
        e.put("service", "vector");
        e.put("source_type", "demo_logs");
        e.put("status", 200);
        e.put("bytes", 100 + n % 50);
        e.put("latency_ms", 1.5 + (n % 7));
        e.put("ok", true);
        e.put("http", Map.of("method", "GET", "path", "/api/" + n));
        e.put("tags", List.of("a", "b"));
        e.put("timestamp", Instant.now().toString());
        if (c.kind().equals("transform")) {
            e.put("transformed_by", c.id());
        }
        return e;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private void blockWhileHanging() {
        while (hanging) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void log(String level, String target, String message) {
        log.printf("%s %5s %s: %s%n", Instant.now(), level, target, message);
    }

    /** Cumulative counters of one component. */
    private static final class Counters {
        long received;
        long receivedBytes;
        long sent;
        long sentBytes;
        long errors;
        long discarded;
    }
}
