package dev.vectorflow.adapter.postgres.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.ports.contract.FleetCacheContract;
import dev.vectorflow.ports.out.fleet.FleetCache;
import dev.vectorflow.ports.out.node.NodeRepository.NodeCredential;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CaffeineFleetCacheTest extends FleetCacheContract {

    @Override
    protected FleetCache cache() {
        return new CaffeineFleetCache(1_000, Duration.ofMinutes(10));
    }

    @Test
    void givenAWholeFleetLoadedAtOnce_itsEntriesExpireSpreadOverTheSecondHalfOfTheSafetyNet_notAllTogether() {
        AtomicLong now = new AtomicLong();
        Random random = new Random(20);
        Duration safetyNet = Duration.ofMinutes(60);
        CaffeineFleetCache cache = new CaffeineFleetCache(10_000, safetyNet, now::get, random::nextDouble);
        EnvironmentId environment = new EnvironmentId(UUID.randomUUID());
        AtomicInteger loads = new AtomicInteger();
        int fleet = 2_000;
        Runnable everyHeartbeat = () -> {
            for (int i = 0; i < fleet; i++) {
                String lookup = "lookup-" + i;
                cache.credential(lookup, l -> {
                    loads.incrementAndGet();
                    return Optional.of(new NodeCredential(new NodeId(new UUID(0, l.hashCode())), environment, l, "hash", false));
                });
            }
        };

        everyHeartbeat.run();
        assertThat(loads.get()).as("the first round loads the fleet").isEqualTo(fleet);

        loads.set(0);
        now.set(safetyNet.toNanos() / 2 - Duration.ofSeconds(1).toNanos());
        everyHeartbeat.run();
        assertThat(loads.get()).as("nothing expires before half the safety net").isZero();

        now.set(safetyNet.toNanos() * 3 / 4);
        everyHeartbeat.run();
        assertThat(loads.get()).as("three quarters in, about half the fleet has been loaded again (a fixed lifetime: none, then all)")
                .isBetween(fleet * 4 / 10, fleet * 6 / 10);

        loads.set(0);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        everyHeartbeat.run();
        assertThat(loads.get()).as("one second later only the entries whose lifetime ended in that second").isLessThan(fleet / 100);
    }

    @Test
    void unknownTokensMadeUpByTheThousand_doNotPushTheFleetsCredentialsOut() {
        CaffeineFleetCache cache = new CaffeineFleetCache(1_000, Duration.ofMinutes(60));
        EnvironmentId environment = new EnvironmentId(UUID.randomUUID());
        AtomicInteger loads = new AtomicInteger();
        int fleet = 900;
        for (int i = 0; i < fleet; i++) {
            cache.putCredential(new NodeCredential(new NodeId(new UUID(1, i)), environment, "%016x".formatted(i), "hash", false));
        }

        for (int i = 0; i < 20_000; i++) {
            assertThat(cache.credential("%016x".formatted(1_000_000 + i), l -> Optional.empty())).isEmpty();
        }
        for (int i = 0; i < fleet; i++) {
            assertThat(cache.credential("%016x".formatted(i), l -> {
                loads.incrementAndGet();
                return Optional.empty();
            })).as("node %d", i).isPresent();
        }

        assertThat(loads).as("no enrolled node's credential was dropped for a made-up one").hasValue(0);
    }

    @Test
    void anUnknownToken_isAnsweredFromTheCacheAfterItsFirstLoad_andAPutReplacesThatAnswer() {
        CaffeineFleetCache cache = new CaffeineFleetCache(1_000, Duration.ofMinutes(60));
        AtomicInteger loads = new AtomicInteger();
        String lookup = "00000000000000aa";
        for (int i = 0; i < 3; i++) {
            cache.credential(lookup, l -> {
                loads.incrementAndGet();
                return Optional.empty();
            });
        }
        NodeCredential enrolled = new NodeCredential(new NodeId(UUID.randomUUID()), new EnvironmentId(UUID.randomUUID()), lookup, "hash", false);

        cache.putCredential(enrolled);

        assertThat(loads).hasValue(1);
        assertThat(cache.credential(lookup, l -> Optional.empty())).contains(enrolled);
    }

    @Test
    void pastItsBound_theExpiredEntriesGoFirst_andTheLiveOnesStay() {
        AtomicLong now = new AtomicLong();
        Duration safetyNet = Duration.ofMinutes(60);
        CaffeineFleetCache cache = new CaffeineFleetCache(100, safetyNet, now::get, () -> 0.0); // every entry lives half the safety net
        EnvironmentId environment = new EnvironmentId(UUID.randomUUID());
        for (int i = 0; i < 60; i++) {
            cache.putNode(node(new NodeId(new UUID(2, i)), environment));
        }
        now.set(safetyNet.toNanos() / 2 + 1); // the first 60 have expired (not read since)
        for (int i = 60; i < 101; i++) {
            cache.putNode(node(new NodeId(new UUID(2, i)), environment));
        }
        AtomicInteger loads = new AtomicInteger();

        for (int i = 60; i < 101; i++) {
            cache.node(new NodeId(new UUID(2, i)), id -> {
                loads.incrementAndGet();
                return Optional.empty();
            });
        }

        assertThat(loads).as("the 41 live entries survived the sweep that made room").hasValue(0);
    }

    private static Node node(NodeId id, EnvironmentId environment) {
        return new Node(id, environment, "web-" + id, "", "", "", "UNKNOWN", Labels.NONE, Labels.NONE, false, NodeStatus.HEALTHY, "",
                Instant.parse("2026-12-01T10:00:00Z"), Optional.empty(), false, "");
    }
}
