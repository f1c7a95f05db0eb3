package dev.vectorflow.ports.fake;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.promotion.ApprovalRequest;
import dev.vectorflow.core.promotion.ApprovalRequestId;
import dev.vectorflow.core.promotion.ApprovalState;
import dev.vectorflow.ports.out.promotion.ApprovalRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** {@link ApprovalRepository} in a map, for service tests. */
public final class InMemoryApprovalRepository implements ApprovalRepository {

    private final Map<ApprovalRequestId, ApprovalRequest> requests = new ConcurrentHashMap<>();

    @Override
    public void insert(ApprovalRequest request) {
        requests.put(request.id(), request);
    }

    @Override
    public synchronized boolean decide(ApprovalRequest decided) {
        ApprovalRequest stored = requests.get(decided.id());
        if (stored == null || stored.state() != ApprovalState.PENDING || !decided.decidedAt().orElseThrow().isBefore(stored.expiresAt())) {
            return false;
        }
        requests.put(decided.id(), decided);
        return true;
    }

    @Override
    public void reopen(ApprovalRequestId id) {
        requests.computeIfPresent(id, (k, r) -> new ApprovalRequest(r.id(), r.environment(), r.action(), r.requestedBy(), r.requesterId(),
                r.requestedAt(), r.expiresAt(), ApprovalState.PENDING, Optional.empty(), Optional.empty(), r.reason()));
    }

    @Override
    public Optional<ApprovalRequest> find(ApprovalRequestId id) {
        return Optional.ofNullable(requests.get(id));
    }

    @Override
    public List<ApprovalRequest> findByEnvironment(EnvironmentId environment, Filter filter, int limit) {
        Predicate<ApprovalRequest> kept = switch (filter) {
            case All all -> r -> true;
            case PendingAt p -> r -> r.state() == ApprovalState.PENDING && r.expiresAt().isAfter(p.now());
            case ExpiredAt e -> r -> r.state() == ApprovalState.PENDING && !r.expiresAt().isAfter(e.now());
            case Decided d -> r -> r.state() == (d.approved() ? ApprovalState.APPROVED : ApprovalState.REJECTED);
        };
        return requests.values().stream().filter(r -> r.environment().equals(environment)).filter(kept)
                .sorted(Comparator.comparing(ApprovalRequest::requestedAt).reversed().thenComparing(r -> r.id().toString()))
                .limit(limit).toList();
    }
}
