package dev.vectorflow.ports.out.promotion;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.promotion.ApprovalRequest;
import dev.vectorflow.core.promotion.ApprovalRequestId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Driven port: stores approval requests with the action they hold. Call it inside a unit of work. */
public interface ApprovalRepository {

    void insert(ApprovalRequest request);

    /**
     * Stores a decision, only while the stored request is still pending.
     *
     * @return false when it was no longer pending (another admin decided first)
     */
    boolean decide(ApprovalRequest decided);

    /** Sets a decided request back to pending (its action failed). */
    void reopen(ApprovalRequestId id);

    Optional<ApprovalRequest> find(ApprovalRequestId id);

    /**
     * The environment's requests, newest first, at most {@code limit}; {@code pendingAt} keeps only those pending (and not
     * expired) at that instant, {@code expiredAt} only those pending but expired at that instant.
     */
    List<ApprovalRequest> findByEnvironment(EnvironmentId environment, Filter filter, int limit);

    /** Which requests a list holds. */
    sealed interface Filter permits All, PendingAt, ExpiredAt, Decided {
    }

    record All() implements Filter {
    }

    record PendingAt(Instant now) implements Filter {
    }

    record ExpiredAt(Instant now) implements Filter {
    }

    /** Approved or rejected ({@code approved} says which). */
    record Decided(boolean approved) implements Filter {
    }
}
