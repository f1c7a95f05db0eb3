package dev.vectorflow.bench.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Many agents in one JVM, one virtual thread each, speaking protocol v1 over HTTP with the real agent's retry rules
 * (docs/agent-protocol.md, "How the agent paces its calls"): after a failed call a random wait between 0 and 1 s, 2 s,
 * 4 s … up to a cap; when the server sent {@code Retry-After} r, a random wait between r and 2r if that is longer; the
 * next call goes to the next server in the list. After an answer, the next heartbeat comes after the poll interval.
 */
final class SimulatedAgents {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final String BEAT = "{\"agentVersion\":\"1.0.0\",\"deploymentMode\":\"STANDALONE\",\"pipelines\":[]}";

    private final List<String> urls;
    private final List<String> tokens;
    private final Duration cap;
    private final Duration interval;
    private final double enrollSeconds;
    private final long[] firstAnswer;
    private volatile boolean running;
    private final List<Thread> threads = new ArrayList<>();
    private final LongAdder ok = new LongAdder();
    private final LongAdder busy = new LongAdder();
    private final LongAdder limited = new LongAdder();
    private final LongAdder other = new LongAdder();
    private final LongAdder none = new LongAdder();
    private final AtomicLong maxRetryAfter = new AtomicLong();

    private SimulatedAgents(List<String> urls, List<String> tokens, Duration cap, Duration interval, double enrollSeconds) {
        this.urls = List.copyOf(urls);
        this.tokens = List.copyOf(tokens);
        this.cap = cap;
        this.interval = interval;
        this.enrollSeconds = enrollSeconds;
        this.firstAnswer = new long[tokens.size()];
    }

    /** Enrolls {@code count} nodes (hostnames {@code herd-<i>}), spread over the servers, 16 at a time. */
    static SimulatedAgents enroll(List<String> urls, String enrollmentToken, int count, Duration cap, Duration interval) throws Exception {
        long started = System.nanoTime();
        ConcurrentLinkedQueue<String> tokens = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Semaphore slots = new Semaphore(16);
        for (int i = 0; i < count; i++) {
            slots.acquire();
            String body = "{\"token\":\"" + enrollmentToken + "\",\"hostname\":\"herd-" + i + "\",\"os\":\"linux/amd64\",\"agentVersion\":\"1.0.0\"}";
            HTTP.sendAsync(HttpRequest.newBuilder(URI.create(urls.get(i % urls.size()) + "/api/agent/enroll")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                        try {
                            if (e == null && r.statusCode() == 200) {
                                tokens.add(AdminApi.JSON.readTree(r.body()).get("nodeToken").asText());
                            } else {
                                failures.add(e != null ? e.toString() : r.statusCode() + " " + r.body());
                            }
                        } catch (IOException io) {
                            failures.add(io.toString());
                        } finally {
                            slots.release();
                        }
                    });
        }
        slots.acquire(16);
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " enrollments failed, e.g. " + failures.peek());
        }
        return new SimulatedAgents(urls, new ArrayList<>(tokens), cap, interval, (System.nanoTime() - started) / 1e9);
    }

    int size() {
        return tokens.size();
    }

    double enrollSeconds() {
        return enrollSeconds;
    }

    /** The status of one heartbeat with {@code token} to {@code url}; -1 without an answer. */
    static int heartbeatStatus(String url, String token) {
        return beat(url, token).statusCode();
    }

    /** One heartbeat's answer: its status (-1: none) and its {@code Retry-After} in seconds (0: none). */
    record Beat(int statusCode, long retryAfterSeconds) {
    }

    /** One heartbeat with {@code token} to {@code url}. */
    static Beat beat(String url, String token) {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/agent/heartbeat")).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BEAT)).build(), HttpResponse.BodyHandlers.discarding());
            long retryAfter = r.headers().firstValue("Retry-After").map(v -> {
                try {
                    return Long.parseLong(v.strip());
                } catch (NumberFormatException e) {
                    return 0L;
                }
            }).orElse(0L);
            return new Beat(r.statusCode(), retryAfter);
        } catch (IOException e) {
            return new Beat(-1, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Beat(-1, 0);
        }
    }

    /** Every agent starts calling now (the servers may be down: that is the point). */
    void start() {
        running = true;
        for (int i = 0; i < tokens.size(); i++) {
            int agent = i;
            threads.add(Thread.ofVirtual().start(() -> run(agent)));
        }
    }

    private void run(int agent) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int server = agent % urls.size();
        int failures = 0;
        try {
            while (running) {
                Beat beat = beat(urls.get(server), tokens.get(agent));
                long waitMs;
                if (beat.statusCode() >= 200 && beat.statusCode() < 300) {
                    ok.increment();
                    synchronized (firstAnswer) {
                        if (firstAnswer[agent] == 0) {
                            firstAnswer[agent] = System.nanoTime();
                        }
                    }
                    failures = 0;
                    waitMs = interval.toMillis();
                } else {
                    switch (beat.statusCode()) {
                        case 503 -> busy.increment();
                        case 429 -> limited.increment();
                        case -1 -> none.increment();
                        default -> other.increment();
                    }
                    maxRetryAfter.accumulateAndGet(beat.retryAfterSeconds(), Math::max);
                    server = (server + 1) % urls.size();
                    failures++;
                    long backoff = Math.min(cap.toMillis(), 1000L << Math.min(failures - 1, 20));
                    waitMs = random.nextLong(backoff + 1);
                    long r = Math.min(beat.retryAfterSeconds(), 300) * 1000;
                    if (r > 0) {
                        waitMs = Math.max(waitMs, r + random.nextLong(r + 1));
                    }
                }
                Thread.sleep(waitMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The agents answered since {@link #start()} (all servers were down then, so: since they came back). */
    int back() {
        int n = 0;
        synchronized (firstAnswer) {
            for (long t : firstAnswer) {
                if (t != 0) {
                    n++;
                }
            }
        }
        return n;
    }

    /** p50 / p99 / max of the time from {@code ready} to each agent's first answer (0 for one answered before). */
    String percentiles(Instant ready) {
        long readyNanos = System.nanoTime() - Duration.between(ready, Instant.now()).toNanos();
        long[] times;
        synchronized (firstAnswer) {
            times = Arrays.stream(firstAnswer).filter(t -> t != 0).map(t -> Math.max(0, t - readyNanos)).sorted().toArray();
        }
        if (times.length == 0) {
            return "none back";
        }
        return String.format(Locale.ROOT, "%.1f s / %.1f s / %.1f s", times[times.length / 2] / 1e9,
                times[(int) Math.min(times.length - 1, Math.ceil(times.length * 0.99) - 1)] / 1e9, times[times.length - 1] / 1e9);
    }

    String counts() {
        return ok.sum() + " / " + busy.sum() + " / " + limited.sum() + " / " + other.sum() + " / " + none.sum();
    }

    long maxRetryAfter() {
        return maxRetryAfter.get();
    }

    void stop() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            t.join(5000);
        }
    }
}
