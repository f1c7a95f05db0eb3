package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.out.system.IdGenerator;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link IdGenerator} must do; run against the sequential stand-in and against the time-ordered generator. */
public abstract class IdGeneratorContract {

    protected abstract IdGenerator generator();

    @Test
    void givenManyCalls_thenEveryIdIsNew() {
        IdGenerator generator = generator();
        Set<UUID> seen = new HashSet<>();

        for (int i = 0; i < 10_000; i++) {
            UUID id = generator.newId();
            assertThat(id).isNotNull();
            assertThat(seen.add(id)).as("id %s is new", id).isTrue();
        }
    }
}
