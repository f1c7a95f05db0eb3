package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.out.system.IdGenerator;
import java.util.UUID;

/** Fake of {@link IdGenerator}: predictable ids 00000000-0000-0000-0000-000000000001, ...2, ... */
public final class SequentialIdGenerator implements IdGenerator {

    private long next = 1;

    @Override
    public UUID newId() {
        return new UUID(0, next++);
    }
}
