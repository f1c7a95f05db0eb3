package dev.vectorflow.adapter.postgres.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.ports.contract.FleetCacheContract;
import dev.vectorflow.ports.out.fleet.FleetCache;
import dev.vectorflow.ports.out.node.NodeRepository.NodeCredential;
import java.time.Duration;
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
}
