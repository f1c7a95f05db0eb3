package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.out.fleet.JobLeases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Fake of {@link JobLeases} over a map; expiry is judged by the clock it is given. */
public final class InMemoryJobLeases implements JobLeases {

    private record Lease(String holder, Instant expiresAt) {
    }

    private final Map<String, Lease> leases = new HashMap<>();
    private final Clock clock;

    public InMemoryJobLeases(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean tryAcquire(String job, String holder, Duration ttl) {
        Instant now = clock.instant();
        Lease current = leases.get(job);
        if (current != null && !current.holder().equals(holder) && !current.expiresAt().isBefore(now)) {
            return false;
        }
        leases.put(job, new Lease(holder, now.plus(ttl)));
        return true;
    }

    @Override
    public void release(String job, String holder) {
        leases.computeIfPresent(job, (j, lease) -> lease.holder().equals(holder) ? null : lease);
    }

    @Override
    public Optional<String> holder(String job) {
        return Optional.ofNullable(leases.get(job)).filter(l -> !l.expiresAt().isBefore(clock.instant())).map(Lease::holder);
    }
}
