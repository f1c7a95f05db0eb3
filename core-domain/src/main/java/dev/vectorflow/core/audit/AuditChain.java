package dev.vectorflow.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/** Computes and checks the hash chain of the audit log. */
public final class AuditChain {

    /** The "previous hash" of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /** The entry that follows {@code previousHash} for {@code event}, with its hash. */
    public static AuditEntry next(long sequence, String previousHash, Instant at, AuditEvent event) {
        AuditEntry unhashed = new AuditEntry(sequence, at, event.actor().label(), event.actor().actorId(),
                event.actor().sourceAddress(), event.actor().userAgent(), event.action(), event.entityType(),
                event.entityId(), event.teamId().orElse(""), event.changes().toJson(), previousHash, "");
        return withHash(unhashed);
    }

    static AuditEntry withHash(AuditEntry e) {
        return new AuditEntry(e.sequence(), e.occurredAt(), e.actorLabel(), e.actorId(), e.sourceAddress(), e.userAgent(),
                e.action(), e.entityType(), e.entityId(), e.teamId(), e.changesJson(), e.previousHash(), hashOf(e));
    }

    public static String hashOf(AuditEntry entry) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(entry.previousHash().getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) '\n');
            sha256.update(entry.canonicalForm().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Checks entries in sequence order, one at a time; remembers the first broken link. */
    public static final class Verifier {
        private String expectedPrevious = GENESIS;
        private long checked;
        private String firstProblem;

        public void accept(AuditEntry entry) {
            if (firstProblem != null) {
                return;
            }
            checked++;
            if (!entry.previousHash().equals(expectedPrevious)) {
                firstProblem = "entry " + entry.sequence() + ": previous hash does not match the hash of the entry before it"
                        + " (an entry was removed, inserted or reordered)";
            } else if (!hashOf(entry).equals(entry.hash())) {
                firstProblem = "entry " + entry.sequence() + ": content does not match its hash (the entry was changed)";
            }
            expectedPrevious = entry.hash();
        }

        public long checked() {
            return checked;
        }

        /** Empty when every link holds. */
        public Optional<String> firstProblem() {
            return Optional.ofNullable(firstProblem);
        }
    }
}
