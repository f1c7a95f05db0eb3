package dev.vectorflow.ports.fake;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.EnrollmentToken;
import dev.vectorflow.core.fleet.EnrollmentTokenId;
import dev.vectorflow.ports.out.enrollment.EnrollmentTokenRepository;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fake of {@link EnrollmentTokenRepository} over a map (single-threaded: "for update" locks nothing). */
public final class InMemoryEnrollmentTokenRepository implements EnrollmentTokenRepository, InMemoryTransactions.Participant {

    private Map<EnrollmentTokenId, EnrollmentToken> tokens = new LinkedHashMap<>();

    @Override
    public void insert(EnrollmentToken token) {
        if (tokens.containsKey(token.id()) || findByHashForUpdate(token.tokenHash()).isPresent()) {
            throw new UniqueViolation("enrollment token exists", null);
        }
        tokens.put(token.id(), token);
    }

    @Override
    public Optional<EnrollmentToken> findByHashForUpdate(String tokenHash) {
        return tokens.values().stream().filter(t -> t.tokenHash().equals(tokenHash)).findFirst();
    }

    @Override
    public Optional<EnrollmentToken> findById(EnrollmentTokenId id) {
        return Optional.ofNullable(tokens.get(id));
    }

    @Override
    public void update(EnrollmentToken token) {
        EnrollmentToken stored = tokens.get(token.id());
        if (stored != null) {
            tokens.put(token.id(), new EnrollmentToken(stored.id(), stored.environmentId(), stored.name(), stored.tokenHash(), stored.hint(),
                    stored.maxUses(), token.uses(), stored.labels(), stored.expiresAt(), token.revokedAt(), stored.createdAt(),
                    stored.createdBy(), stored.reenrollNode()));
        }
    }

    @Override
    public List<EnrollmentToken> findByEnvironment(EnvironmentId environment) {
        return tokens.values().stream().filter(t -> t.environmentId().equals(environment) && t.reenrollNode().isEmpty())
                .sorted(Comparator.comparing(EnrollmentToken::createdAt).reversed().thenComparing(t -> t.id().toString())).toList();
    }

    @Override
    public Object snapshot() {
        return new LinkedHashMap<>(tokens);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        tokens = new LinkedHashMap<>((Map<EnrollmentTokenId, EnrollmentToken>) snapshot);
    }
}
