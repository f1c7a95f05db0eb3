package dev.vectorflow.ports.fake;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.ports.out.preview.PreviewRepository;
import dev.vectorflow.ports.out.preview.StoredPreview;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@link PreviewRepository} in a map, for service tests. */
public final class InMemoryPreviewRepository implements PreviewRepository {

    private final Map<String, StoredPreview> previews = new LinkedHashMap<>();

    @Override
    public synchronized void insert(StoredPreview preview) {
        previews.put(preview.id(), preview);
    }

    @Override
    public synchronized Optional<StoredPreview> find(String id) {
        return Optional.ofNullable(previews.get(id));
    }

    @Override
    public synchronized boolean settle(StoredPreview settled) {
        StoredPreview stored = previews.get(settled.id());
        if (stored == null || stored.state() != StoredPreview.State.PENDING) {
            return false;
        }
        previews.put(settled.id(), stored.settled(settled.state(), settled.reason(), settled.diff(), settled.baselineLog(), settled.draftLog()));
        return true;
    }

    @Override
    public synchronized void keepNewest(EnvironmentId environment, int count) {
        previews.values().stream().filter(p -> p.environmentId().equals(environment))
                .sorted(Comparator.comparing(StoredPreview::requestedAt).thenComparing(StoredPreview::id).reversed())
                .skip(count).map(StoredPreview::id).toList().forEach(previews::remove);
    }
}
