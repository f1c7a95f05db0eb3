package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.fake.FleetFakes;
import dev.vectorflow.ports.fake.InMemoryJobLeases;
import dev.vectorflow.ports.fake.InMemoryTelemetryRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.fleet.FleetJobs;
import dev.vectorflow.ports.service.heartbeat.HeartbeatWrites;
import dev.vectorflow.ports.service.heartbeat.OneShotSettlement;
import dev.vectorflow.ports.service.telemetry.RollupFlush;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FleetSchedulerTest {

    private final FleetFakes fleet = new FleetFakes();
    private final InMemoryJobLeases leases = new InMemoryJobLeases(fleet.clock);
    private final AtomicBoolean databaseGone = new AtomicBoolean();
    private final AtomicInteger units = new AtomicInteger();
    private final Thread testThread = Thread.currentThread();
    /** Counts the units of work of the test's thread (close runs there, the ticks elsewhere); once the database is "gone" each one fails as a connection wait does. */
    private final Transactions transactions = new Transactions() {
        @Override
        public <T, E extends Exception> T inTransaction(UnitOfWork<T, E> work) throws E {
            if (Thread.currentThread() == testThread) {
                units.incrementAndGet();
            }
            if (databaseGone.get()) {
                throw new IllegalStateException("connection refused");
            }
            return fleet.transactions.inTransaction(work);
        }
    };

    private FleetScheduler scheduler(List<FleetScheduler.Job> more) {
        var telemetry = new InMemoryTelemetryRepository(fleet.nodes, fleet.actions);
        var jobs = new FleetJobs(fleet.transactions, fleet.nodes, telemetry, fleet.settings, new HeartbeatWrites(fleet.writer, fleet.clock)::refusedSince, fleet.clock);
        return new FleetScheduler(transactions, leases, jobs, new RollupFlush(fleet.live, fleet.writer, fleet.clock),
                new OneShotSettlement(fleet.transactions, fleet.actions, fleet.cache, fleet.clock), fleet.settings,
                Duration.ofSeconds(3), "server-a", more);
    }

    @Test
    void givenHeldLeases_whenStopped_thenEveryLeaseIsReleasedInOneUnitOfWork() throws Exception {
        var scheduler = scheduler(List.of(new FleetScheduler.Job("extra", Duration.ofHours(1), () -> { })));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (scheduler.holderOf("extra").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(scheduler.holderOf(FleetJobs.STATUS_SWEEP)).contains("server-a");
        assertThat(scheduler.holderOf("extra")).contains("server-a");

        int before = units.get();
        scheduler.close();

        assertThat(units.get() - before).isEqualTo(1);
        assertThat(scheduler.holderOf(FleetJobs.STATUS_SWEEP)).isEmpty();
        assertThat(scheduler.holderOf(FleetJobs.RETENTION)).isEmpty();
        assertThat(scheduler.holderOf("extra")).isEmpty();
    }

    @Test
    void givenTheDatabaseIsGone_whenStopped_thenTheStopTriesOnceAndReturns() {
        var scheduler = scheduler(List.of(new FleetScheduler.Job("extra", Duration.ofHours(1), () -> { }),
                new FleetScheduler.Job("more", Duration.ofHours(1), () -> { })));
        databaseGone.set(true);
        int before = units.get();

        scheduler.close();

        // one failed attempt for all four leases (each attempt waits out the pool's connection timeout in production)
        assertThat(units.get() - before).isEqualTo(1);
    }
}
