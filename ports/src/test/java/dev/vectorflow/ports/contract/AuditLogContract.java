package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.audit.AuditChain;
import dev.vectorflow.core.audit.AuditEntry;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.identity.ApiTokenId;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.AuditLog.AuditQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} must do; run against the in-memory fake and against PostgreSQL. Each test's entries name
 * their own entity, so the tests hold on a log other tests append to.
 */
public abstract class AuditLogContract extends FleetStoreContract {

    private final String entity = "e-" + UUID.randomUUID();

    private AuditLog log() {
        return store().auditLog();
    }

    private AuditEntry append(String action) {
        return append(Actor.commandLine(), action, "pipeline", Optional.empty());
    }

    private AuditEntry append(Actor actor, String action, String entityType, Optional<String> team) {
        return inTransaction(() -> log().append(new AuditEvent(actor, action, entityType, entity, team, Changes.none().field("name", "a", "b"))));
    }

    private static AuditQuery query(Optional<String> actor, Optional<String> action, Optional<String> entityType, String entityId,
                                    Optional<List<String>> teams, Optional<Instant> from, Optional<Instant> to, int limit) {
        return new AuditQuery(actor, action, entityType, Optional.of(entityId), teams, from, to, limit);
    }

    private List<AuditEntry> mine() {
        return inTransaction(() -> log().find(query(Optional.empty(), Optional.empty(), Optional.empty(), entity, Optional.empty(),
                Optional.empty(), Optional.empty(), 100)));
    }

    private List<AuditEntry> everyEntry() {
        List<AuditEntry> entries = new ArrayList<>();
        inTransaction(() -> log().forEachInOrder(entries::add));
        return entries;
    }

    private static Actor teamToken(String name) {
        return new Actor(new Principal.TeamToken(new ApiTokenId(UUID.randomUUID()), name, new TeamId(UUID.randomUUID()), Role.ADMIN), "192.0.2.1",
                "curl/8");
    }

    @Test
    void append_chainsEachEntryToTheOneBefore_andFindReturnsThemNewestFirstUnchanged() {
        AuditEntry first = append("pipeline.create");
        AuditEntry second = append("pipeline.update");

        assertThat(second.sequence()).isEqualTo(first.sequence() + 1);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(second.hash()).isEqualTo(AuditChain.hashOf(second));
        assertThat(mine()).containsExactly(second, first);
    }

    @Test
    void forEachInOrder_walksTheWholeLogInSequence_asAChainThatVerifies() {
        append("pipeline.create");
        append("pipeline.deploy");

        List<AuditEntry> entries = everyEntry();
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        entries.forEach(verifier::accept);

        assertThat(verifier.firstProblem()).isEmpty();
        assertThat(verifier.checked()).isEqualTo(entries.size());
        assertThat(entries.getFirst().sequence()).isEqualTo(1);
        assertThat(entries.getFirst().previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(entries).extracting(AuditEntry::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(entries).containsAll(mine());
    }

    @Test
    void find_matchesAnActionAndTheActionsBelowIt_butNotAnotherWordStartingLikeIt() {
        AuditEntry create = append("pipeline.create");
        AuditEntry exact = append("pipeline");
        append("pipelines.export");

        assertThat(inTransaction(() -> log().find(query(Optional.empty(), Optional.of("pipeline"), Optional.empty(), entity, Optional.empty(),
                Optional.empty(), Optional.empty(), 100)))).containsExactly(exact, create);
    }

    @Test
    void find_filtersByActorIgnoringCase_entityTypeAndTeam() {
        String team = UUID.randomUUID().toString();
        AuditEntry byRobot = append(teamToken("Nightly Robot"), "secret.create", "secret", Optional.of(team));
        AuditEntry byCli = append(Actor.commandLine(), "secret.delete", "secret", Optional.empty());
        AuditEntry certificate = append(Actor.commandLine(), "certificate.create", "certificate", Optional.of(team));

        assertThat(inTransaction(() -> log().find(query(Optional.of("nightly robot"), Optional.empty(), Optional.empty(), entity,
                Optional.empty(), Optional.empty(), Optional.empty(), 100)))).containsExactly(byRobot);
        assertThat(inTransaction(() -> log().find(query(Optional.empty(), Optional.empty(), Optional.of("secret"), entity, Optional.empty(),
                Optional.empty(), Optional.empty(), 100)))).containsExactly(byCli, byRobot);
        assertThat(inTransaction(() -> log().find(query(Optional.empty(), Optional.empty(), Optional.empty(), entity,
                Optional.of(List.of(team, UUID.randomUUID().toString())), Optional.empty(), Optional.empty(), 100))))
                .containsExactly(certificate, byRobot);
        assertThat(inTransaction(() -> log().find(query(Optional.empty(), Optional.empty(), Optional.empty(), entity, Optional.of(List.of()),
                Optional.empty(), Optional.empty(), 100)))).isEmpty();
    }

    @Test
    void find_keepsFromInclusiveAndToExclusive_andTheNewestUpToTheLimit() {
        AuditEntry first = append("node.label");
        AuditEntry second = append("node.label");
        AuditEntry third = append("node.label");
        Instant at = second.occurredAt();

        assertThat(inTransaction(() -> log().find(query(Optional.empty(), Optional.empty(), Optional.empty(), entity, Optional.empty(),
                Optional.of(at), Optional.empty(), 100)))).contains(second, third).allSatisfy(e -> assertThat(e.occurredAt()).isAfterOrEqualTo(at));
        assertThat(inTransaction(() -> log().find(query(Optional.empty(), Optional.empty(), Optional.empty(), entity, Optional.empty(),
                Optional.empty(), Optional.of(at), 100)))).doesNotContain(second, third).allSatisfy(e -> assertThat(e.occurredAt()).isBefore(at));
        assertThat(inTransaction(() -> log().find(query(Optional.empty(), Optional.empty(), Optional.empty(), entity, Optional.empty(),
                Optional.empty(), Optional.empty(), 2)))).containsExactly(third, second);
        assertThat(first.occurredAt()).isBeforeOrEqualTo(at);
    }

    @Test
    void givenWorkThatThrows_inTransaction_leavesNoEntry_andTheChainGoesOnWithoutAGap() {
        AuditEntry kept = append("user.create");

        assertThatThrownBy(() -> inTransaction(() -> {
            log().append(new AuditEvent(Actor.commandLine(), "user.delete", "user", entity, Optional.empty(), Changes.none()));
            throw new IllegalStateException("the change failed");
        })).hasMessage("the change failed");
        AuditEntry next = append("user.update");

        assertThat(mine()).containsExactly(next, kept);
        assertThat(next.sequence()).isEqualTo(kept.sequence() + 1);
        assertThat(next.previousHash()).isEqualTo(kept.hash());
    }
}
