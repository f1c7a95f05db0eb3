package dev.vectorflow.adapter.postgres.fleet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Cached answers per node whose hits write nothing: no access order, no frequency count, no timer wheel, no field of
 * the entry. A heartbeat reads three of them per node, and a general-purpose cache records every read by relinking
 * the entry in its lists; with a whole fleet's entries in the old generation that dirties cards all over it, and the
 * young collector scans every dirty card in its pause (measured at 40,000 agents: scanning heap roots was nearly all
 * of a 70-80 ms young pause, copying objects 0.5 ms).
 *
 * <p>An entry lives the time {@code lifetimeNanos} draws when it is loaded or put, and is loaded again by the first
 * read after that. Answers that {@code worthKeeping} turns down (an unknown token, a node that is gone) go to a small
 * bounded cache instead: anyone can make such keys up, enrolled nodes are the only source of the others. Should the
 * kept entries ever pass {@code maximum}, the expired ones are dropped, and if that is not enough all of them.
 */
final class QuietEntries<K, V> {

    private record Entry<V>(V value, long expiresAtNanos) {
    }

    private static final int MAXIMUM_TURNED_DOWN = 10_000;

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Cache<K, V> turnedDown;
    private final int maximum;
    private final Ticker ticker;
    private final LongSupplier lifetimeNanos;
    private final Predicate<V> worthKeeping;

    QuietEntries(int maximum, Ticker ticker, LongSupplier lifetimeNanos, Predicate<V> worthKeeping, long turnedDownNanos) {
        this.maximum = maximum;
        this.ticker = ticker;
        this.lifetimeNanos = lifetimeNanos;
        this.worthKeeping = worthKeeping;
        this.turnedDown = Caffeine.newBuilder().maximumSize(MAXIMUM_TURNED_DOWN).expireAfterWrite(Duration.ofNanos(turnedDownNanos))
                .ticker(ticker).build();
    }

    /** The kept answer, or the loader's (run at most once at a time per key; a forget waits for a running load). */
    V get(K key, Function<K, V> loader) {
        Entry<V> entry = entries.get(key);
        if (entry != null && ticker.read() - entry.expiresAtNanos() < 0) {
            return entry.value(); // the usual case: one map read, nothing written
        }
        V unknown = turnedDown.getIfPresent(key);
        if (unknown != null) {
            return unknown;
        }
        Object[] answer = new Object[1];
        entries.compute(key, (k, old) -> {
            long now = ticker.read();
            if (old != null && now - old.expiresAtNanos() < 0) {
                answer[0] = old.value();
                return old;
            }
            V loaded = loader.apply(k);
            answer[0] = loaded;
            if (loaded == null || !worthKeeping.test(loaded)) {
                if (loaded != null) {
                    turnedDown.put(k, loaded);
                }
                return null;
            }
            return new Entry<>(loaded, now + lifetimeNanos.getAsLong());
        });
        keepWithinBound();
        @SuppressWarnings("unchecked")
        V value = (V) answer[0];
        return value;
    }

    void put(K key, V value) {
        turnedDown.invalidate(key);
        entries.put(key, new Entry<>(value, ticker.read() + lifetimeNanos.getAsLong()));
        keepWithinBound();
    }

    void forget(K key) {
        entries.remove(key);
        turnedDown.invalidate(key);
    }

    void forgetAll() {
        entries.clear();
        turnedDown.invalidateAll();
    }

    /** How many answers are kept (expired ones included until they are read or swept). */
    int size() {
        return entries.size();
    }

    private void keepWithinBound() {
        if (entries.size() <= maximum) {
            return;
        }
        long now = ticker.read();
        entries.values().removeIf(e -> now - e.expiresAtNanos() >= 0);
        if (entries.size() > maximum) {
            entries.clear();
        }
    }
}
