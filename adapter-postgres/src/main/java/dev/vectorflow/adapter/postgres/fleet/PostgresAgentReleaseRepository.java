package dev.vectorflow.adapter.postgres.fleet;

import static dev.vectorflow.adapter.postgres.fleet.FleetRows.instant;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.utc;

import dev.vectorflow.core.fleet.AgentRelease;
import dev.vectorflow.ports.out.fleet.AgentReleaseRepository;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;

/** {@link AgentReleaseRepository} on {@code agent_releases}. */
public final class PostgresAgentReleaseRepository implements AgentReleaseRepository {

    private final Supplier<DSLContext> dsl;

    public PostgresAgentReleaseRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    private static AgentRelease toRelease(Record r) {
        return new AgentRelease(r.get("version", String.class), r.get("download_url", String.class), r.get("checksum", String.class),
                r.get("signature", String.class), r.get("notes", String.class), instant(r, "created_at"), r.get("created_by", String.class));
    }

    @Override
    public void insert(AgentRelease r) {
        dsl.get().execute("insert into agent_releases (version, download_url, checksum, signature, notes, created_at, created_by)"
                + " values (?,?,?,?,?,?,?)", r.version(), r.downloadUrl(), r.checksum(), r.signature(), r.notes(), utc(r.createdAt()),
                r.createdBy());
    }

    @Override
    public Optional<AgentRelease> find(String version) {
        return dsl.get().fetchOptional("select * from agent_releases where version = ?", version).map(PostgresAgentReleaseRepository::toRelease);
    }

    @Override
    public List<AgentRelease> findAll() {
        return dsl.get().fetch("select * from agent_releases order by created_at desc, version").map(PostgresAgentReleaseRepository::toRelease);
    }
}
