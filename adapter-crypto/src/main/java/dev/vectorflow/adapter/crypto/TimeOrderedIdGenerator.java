package dev.vectorflow.adapter.crypto;

import dev.vectorflow.ports.out.system.IdGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * {@link IdGenerator} producing UUID version 7 (RFC 9562): 48 bits of Unix milliseconds then 74
 * random bits from a {@link SecureRandom}. Ids sort roughly by creation time, which keeps
 * database indexes compact, and stay unguessable.
 */
public final class TimeOrderedIdGenerator implements IdGenerator {

    private final Clock clock;
    private final SecureRandom random;

    public TimeOrderedIdGenerator(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    @Override
    public UUID newId() {
        long millis = clock.millis();
        byte[] randomBytes = new byte[10];
        random.nextBytes(randomBytes);
        long randA = ((randomBytes[0] & 0xFFL) << 8 | (randomBytes[1] & 0xFFL)) & 0x0FFFL;
        long msb = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | randA;
        long lsb = 0;
        for (int i = 2; i < 10; i++) {
            lsb = lsb << 8 | (randomBytes[i] & 0xFFL);
        }
        lsb = lsb & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
