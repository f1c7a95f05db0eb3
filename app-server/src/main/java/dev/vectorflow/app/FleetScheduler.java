package dev.vectorflow.app;

import dev.vectorflow.ports.out.fleet.JobLeases;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.fleet.FleetJobs;
import dev.vectorflow.ports.service.fleet.FleetTuning;
import dev.vectorflow.ports.service.heartbeat.OneShotSettlement;
import dev.vectorflow.ports.service.telemetry.RollupFlush;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the fleet's periodic work: every server hands its finished metric rollups to the writer; the status sweep and
 * retention run only on the server that holds their lease in the database, which another server takes over once the
 * holder stops renewing it (a clean stop releases it at once).
 */
final class FleetScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FleetScheduler.class);

    /** A job that runs every {@code every} (read at every tick: it may follow a setting) on the server holding its lease. */
    record Job(String name, Supplier<Duration> every, Runnable work) {
        Job(String name, Duration every, Runnable work) {
            this(name, () -> every, work);
        }
    }

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vf-fleet-jobs");
        t.setDaemon(true);
        return t;
    });
    private final Transactions transactions;
    private final JobLeases leases;
    private final String holder;
    private final Duration lease;
    private final List<Job> jobs;
    private final Map<String, Long> lastRun = new ConcurrentHashMap<>();
    private final Map<String, Boolean> holding = new ConcurrentHashMap<>();

    FleetScheduler(Transactions transactions, JobLeases leases, FleetJobs fleetJobs, RollupFlush rollups, OneShotSettlement oneShots,
                   FleetTuning tuning,
                   Duration lease, String holder, List<Job> moreJobs) {
        this.transactions = transactions;
        this.leases = leases;
        this.holder = holder;
        this.lease = lease;
        this.jobs = new ArrayList<>(List.of(
                new Job(FleetJobs.STATUS_SWEEP, tuning::pollInterval, () -> {
                    var transitions = fleetJobs.sweepStatus();
                    if (!transitions.isEmpty()) {
                        LOG.info("{} node(s) became UNREACHABLE", transitions.size());
                    }
                }),
                new Job(FleetJobs.RETENTION, Duration.ofMinutes(10), () -> {
                    long deleted = fleetJobs.enforceRetention();
                    if (deleted > 0) {
                        LOG.info("retention removed {} telemetry rows", deleted);
                    }
                })));
        this.jobs.addAll(moreJobs);
        long tick = Math.max(200, Math.min(tuning.pollInterval().toMillis(), lease.toMillis() / 3));
        executor.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(() -> run("rollups", () -> {
            rollups.flush();
            oneShots.expireSettled();
        }), 5, 5, TimeUnit.SECONDS);
    }

    /** The server this one calls itself in the lease table. */
    String holder() {
        return holder;
    }

    /** Who holds a job's lease now. */
    Optional<String> holderOf(String job) {
        return transactions.inTransaction(() -> leases.holder(job));
    }

    private void tick() {
        long now = System.nanoTime();
        for (Job job : jobs) {
            boolean held;
            try {
                held = transactions.inTransaction(() -> leases.tryAcquire(job.name(), holder, lease));
            } catch (RuntimeException e) {
                LOG.warn("could not renew the lease of {}: {}", job.name(), e.getMessage());
                held = false;
            }
            Boolean before = holding.put(job.name(), held);
            if (held && !Boolean.TRUE.equals(before)) {
                LOG.info("this server ({}) now runs {}", holder, job.name());
            }
            Long last = lastRun.get(job.name());
            if (held && (last == null || now - last >= job.every().get().toNanos())) {
                lastRun.put(job.name(), now);
                run(job.name(), job.work());
            }
        }
    }

    private static void run(String name, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("periodic job {} failed: {}", name, e.toString(), e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // one unit of work for every lease: with the database gone, a stop waits for one connection, not one per job
        // (the leases then run out by themselves and another server takes the jobs)
        try {
            transactions.inTransaction(() -> {
                for (Job job : jobs) {
                    leases.release(job.name(), holder);
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("could not release the job leases on stop ({}); they expire within {} s", e.getMessage(),
                    lease.toSeconds());
        }
    }
}
