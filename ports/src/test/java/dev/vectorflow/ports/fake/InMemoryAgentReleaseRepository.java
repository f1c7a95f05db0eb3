package dev.vectorflow.ports.fake;

import dev.vectorflow.core.fleet.AgentRelease;
import dev.vectorflow.ports.out.fleet.AgentReleaseRepository;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fake of {@link AgentReleaseRepository} over a map. */
public final class InMemoryAgentReleaseRepository implements AgentReleaseRepository, InMemoryTransactions.Participant {

    private Map<String, AgentRelease> releases = new LinkedHashMap<>();

    @Override
    public void insert(AgentRelease release) {
        if (releases.containsKey(release.version())) {
            throw new UniqueViolation("agent release exists", null);
        }
        releases.put(release.version(), release);
    }

    @Override
    public Optional<AgentRelease> find(String version) {
        return Optional.ofNullable(releases.get(version));
    }

    @Override
    public List<AgentRelease> findAll() {
        return releases.values().stream().sorted(Comparator.comparing(AgentRelease::createdAt).reversed().thenComparing(AgentRelease::version))
                .toList();
    }

    @Override
    public Object snapshot() {
        return new LinkedHashMap<>(releases);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        releases = new LinkedHashMap<>((Map<String, AgentRelease>) snapshot);
    }
}
