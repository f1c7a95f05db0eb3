package dev.vectorflow.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.contract.IdGeneratorContract;
import dev.vectorflow.ports.out.system.IdGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdGeneratorTest extends IdGeneratorContract {

    @Override
    protected IdGenerator generator() {
        return new TimeOrderedIdGenerator(Clock.systemUTC(), new SecureRandom());
    }


    @Test
    void idsAreVersion7WithTheRfcVariantAndTheClockMillis() {
        Instant now = Instant.parse("2026-11-27T12:00:00.123Z");
        UUID id = new TimeOrderedIdGenerator(Clock.fixed(now, ZoneOffset.UTC), new SecureRandom()).newId();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
    }

    @Test
    void idsOfLaterMillisecondsSortLater() {
        Instant t = Instant.parse("2026-11-27T12:00:00Z");
        UUID first = new TimeOrderedIdGenerator(Clock.fixed(t, ZoneOffset.UTC), new SecureRandom()).newId();
        UUID second = new TimeOrderedIdGenerator(Clock.fixed(t.plusMillis(1), ZoneOffset.UTC), new SecureRandom()).newId();

        assertThat(first.toString()).isLessThan(second.toString());
    }

    @Test
    void idsInTheSameMillisecondDiffer() {
        TimeOrderedIdGenerator ids = new TimeOrderedIdGenerator(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new SecureRandom());
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(ids.newId());
        }
        assertThat(seen).hasSize(10_000);
    }
}
