package dev.vectorflow.adapter.postgres.fleet;

import dev.vectorflow.ports.out.fleet.JobLeases;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/** {@link JobLeases} on {@code job_leases}; expiry is judged by the database's clock, so server clocks may differ. */
public final class PostgresJobLeases implements JobLeases {

    private final Supplier<DSLContext> dsl;

    public PostgresJobLeases(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    @Override
    public boolean tryAcquire(String job, String holder, Duration ttl) {
        return dsl.get().fetchOptional("""
                insert into job_leases (name, holder, expires_at) values (?, ?, clock_timestamp() + make_interval(secs => ?))
                on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
                where job_leases.holder = excluded.holder or job_leases.expires_at < clock_timestamp()
                returning holder""", job, holder, ttl.toMillis() / 1000.0).isPresent();
    }

    @Override
    public void release(String job, String holder) {
        dsl.get().execute("delete from job_leases where name = ? and holder = ?", job, holder);
    }

    @Override
    public Optional<String> holder(String job) {
        return dsl.get().fetchOptional("select holder from job_leases where name = ? and expires_at >= clock_timestamp()", job)
                .map(r -> r.get("holder", String.class));
    }
}
