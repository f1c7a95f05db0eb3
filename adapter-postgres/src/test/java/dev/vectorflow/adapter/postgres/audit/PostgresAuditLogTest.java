package dev.vectorflow.adapter.postgres.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.adapter.postgres.TestDatabases;
import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditChain;
import dev.vectorflow.core.audit.AuditEntry;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.ports.out.persistence.AuditLog.AuditQuery;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.vectorflow.adapter.postgres.DatabaseSettings;
import java.util.stream.LongStream;

class PostgresAuditLogTest {

    private static DatabaseSettings settings;
    private static PostgresStore store;

    @BeforeAll
    static void open() {
        settings = TestDatabases.freshDatabase();
        store = PostgresStore.open(settings, true);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static AuditEvent event(String action, String team) {
        return new AuditEvent(Actor.commandLine(), action, "thing", "t-1", Optional.ofNullable(team), Changes.none().field("x", 1, 2));
    }

    private static List<AuditEntry> all() {
        List<AuditEntry> entries = new ArrayList<>();
        store.transactions().inTransaction(() -> {
            store.auditLog().forEachInOrder(entries::add);
            return null;
        });
        return entries;
    }

    private static Optional<String> verify() {
        AuditChain.Verifier v = new AuditChain.Verifier();
        all().forEach(v::accept);
        return v.firstProblem();
    }

    @Test
    void concurrentAppendsFormOneUnbrokenChain_andARolledBackUnitLeavesNoEntry() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            futures.add(pool.submit(() -> store.transactions().inTransaction(() -> store.auditLog().append(event("load." + n, null)))));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThatThrownBy(() -> store.transactions().inTransaction(() -> {
            store.auditLog().append(event("rolled.back", null));
            throw new IllegalStateException("the change failed");
        })).hasMessage("the change failed");

        List<AuditEntry> entries = all();
        assertThat(entries).extracting(AuditEntry::sequence).containsExactlyElementsOf(
                LongStream.rangeClosed(entries.getFirst().sequence(), entries.getLast().sequence()).boxed().toList());
        assertThat(entries).noneMatch(e -> e.action().equals("rolled.back"));
        assertThat(verify()).isEmpty();
    }

    @Test
    void aRowChangedInTheDatabaseIsFoundByVerification() throws Exception {
        AuditEntry target = store.transactions().inTransaction(() -> store.auditLog().append(event("tamper.me", "team-a")));
        store.transactions().inTransaction(() -> store.auditLog().append(event("after", "team-a")));

        try (Connection c = DriverManager.getConnection(settings.jdbcUrl().orElseThrow(), settings.user().orElse(null),
                settings.password().orElse(null)); Statement s = c.createStatement()) {
            s.executeUpdate("update audit_log set action = 'innocent' where sequence = " + target.sequence());
        }

        assertThat(verify()).contains("entry " + target.sequence() + ": content does not match its hash (the entry was changed)");
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl().orElseThrow(), settings.user().orElse(null),
                settings.password().orElse(null)); Statement s = c.createStatement()) {
            s.executeUpdate("update audit_log set action = 'tamper.me' where sequence = " + target.sequence());
        }
        assertThat(verify()).isEmpty();
    }

    @Test
    void findFiltersByActionPrefixTeamAndEntity() {
        store.transactions().inTransaction(() -> {
            store.auditLog().append(event("secret.create", "team-x"));
            store.auditLog().append(event("secret.delete", "team-y"));
            return null;
        });

        List<AuditEntry> secrets = store.transactions().inTransaction(() -> store.auditLog().find(new AuditQuery(Optional.empty(),
                Optional.of("secret"), Optional.of("thing"), Optional.empty(), Optional.of(List.of("team-x")), Optional.empty(),
                Optional.empty(), 10)));
        assertThat(secrets).extracting(AuditEntry::action).containsExactly("secret.create");
    }
}
