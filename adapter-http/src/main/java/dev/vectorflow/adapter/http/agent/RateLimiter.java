package dev.vectorflow.adapter.http.agent;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Token buckets per key (a node, a client address): {@code perMinute} requests a minute, bursts up to the same number.
 * The limit is read at every request, so a changed setting applies at once (a bucket keeps its tokens up to the new size).
 */
final class RateLimiter {

    private final IntSupplier perMinute;
    /** Keyed by what identifies the caller (a node id, an address): the key itself, no text made from it per request. */
    private final ConcurrentHashMap<Object, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long at;
    }

    RateLimiter(IntSupplier perMinute) {
        this.perMinute = perMinute;
    }

    /** Empty when the request may go ahead, else how long to wait before the next one. */
    Optional<Duration> acquire(Object key) {
        long now = System.nanoTime();
        double capacity = Math.max(1, perMinute.getAsInt());
        double perNano = capacity / 60e9;
        if (buckets.size() > 500_000) {
            buckets.clear(); // a flood of distinct keys must not exhaust memory; everyone starts with a full bucket
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> {
            Bucket b = new Bucket();
            b.tokens = capacity;
            b.at = now;
            return b;
        });
        synchronized (bucket) {
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * perNano);
            bucket.at = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Optional.empty();
            }
            long waitNanos = (long) Math.ceil((1 - bucket.tokens) / perNano);
            return Optional.of(Duration.ofNanos(waitNanos));
        }
    }
}
