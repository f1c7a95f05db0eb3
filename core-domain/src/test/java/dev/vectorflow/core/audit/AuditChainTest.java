package dev.vectorflow.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.access.Actor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    private static List<AuditEntry> chain(int length) {
        List<AuditEntry> entries = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (int i = 1; i <= length; i++) {
            AuditEntry e = AuditChain.next(i, previous, T0.plusSeconds(i), new AuditEvent(Actor.commandLine(), "thing.change", "thing",
                    "id-" + i, Optional.empty(), Changes.none().field("n", i - 1, i)));
            entries.add(e);
            previous = e.hash();
        }
        return entries;
    }

    private static Optional<String> verify(List<AuditEntry> entries) {
        AuditChain.Verifier v = new AuditChain.Verifier();
        entries.forEach(v::accept);
        return v.firstProblem();
    }

    private static AuditEntry withAction(AuditEntry e, String action) {
        return new AuditEntry(e.sequence(), e.occurredAt(), e.actorLabel(), e.actorId(), e.sourceAddress(), e.userAgent(), action,
                e.entityType(), e.entityId(), e.teamId(), e.changesJson(), e.previousHash(), e.hash());
    }

    @Test
    void anUntouchedChainVerifies() {
        assertThat(verify(chain(5))).isEmpty();
        assertThat(chain(1).getFirst().previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(chain(1).getFirst().hash()).hasSize(64);
    }

    @Test
    void aChangedEntryIsReportedAsTheFirstBrokenLink() {
        List<AuditEntry> entries = chain(5);
        entries.set(2, withAction(entries.get(2), "thing.delete"));

        assertThat(verify(entries)).contains("entry 3: content does not match its hash (the entry was changed)");
    }

    @Test
    void aRemovedEntryBreaksTheNextLink() {
        List<AuditEntry> entries = chain(5);
        entries.remove(1);

        assertThat(verify(entries)).hasValueSatisfying(p -> assertThat(p).startsWith("entry 3: previous hash does not match"));
    }

    @Test
    void secretsAreRecordedAsChangedWithoutValues() {
        String json = Changes.none().secret("value", true, true).field("name", "a", "b").toJson();

        assertThat(json).isEqualTo("{\"name\":{\"new\":\"b\",\"old\":\"a\"},\"value\":{\"new\":\"[redacted]\",\"old\":\"[redacted]\"}}");
    }

    @Test
    void canonicalJsonSortsKeysAndEscapes() {
        assertThat(CanonicalJson.write(Map.of("b", 1, "a", List.of("x\"y", "<script>\n"))))
                .isEqualTo("{\"a\":[\"x\\\"y\",\"<script>\\n\"],\"b\":1}");
    }
}
