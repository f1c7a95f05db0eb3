package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.out.fleet.JobLeases;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link JobLeases} must do; run against the in-memory fake and against PostgreSQL (whose clock decides expiry). */
public abstract class JobLeasesContract {

    protected abstract JobLeases leases();

    protected abstract Transactions transactions();

    private boolean acquire(String job, String holder, Duration ttl) {
        return transactions().inTransaction(() -> leases().tryAcquire(job, holder, ttl));
    }

    private String job() {
        return "job-" + UUID.randomUUID();
    }

    @Test
    void aLease_isHeldByOneHolder_whoMayRenewIt_untilItIsReleased() {
        String job = job();

        assertThat(acquire(job, "server-a", Duration.ofMinutes(1))).isTrue();
        assertThat(acquire(job, "server-b", Duration.ofMinutes(1))).isFalse();
        assertThat(acquire(job, "server-a", Duration.ofMinutes(1))).as("renewed").isTrue();
        assertThat(transactions().inTransaction(() -> leases().holder(job))).contains("server-a");

        transactions().inTransaction(() -> {
            leases().release(job, "server-b");
            return null;
        });
        assertThat(transactions().inTransaction(() -> leases().holder(job))).as("only its holder releases a lease").contains("server-a");
        transactions().inTransaction(() -> {
            leases().release(job, "server-a");
            return null;
        });
        assertThat(transactions().inTransaction(() -> leases().holder(job))).isEmpty();
        assertThat(acquire(job, "server-b", Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void anExpiredLease_isTakenByTheNextHolder() throws InterruptedException {
        String job = job();
        assertThat(acquire(job, "server-a", Duration.ofMillis(1))).isTrue();
        Thread.sleep(50);

        assertThat(transactions().inTransaction(() -> leases().holder(job))).isEmpty();
        assertThat(acquire(job, "server-b", Duration.ofMinutes(1))).isTrue();
        assertThat(transactions().inTransaction(() -> leases().holder(job))).contains("server-b");
    }
}
