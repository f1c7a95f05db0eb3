package dev.vectorflow.ports.fake;

import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.ports.out.alert.AlertChannelRepository;
import dev.vectorflow.ports.out.alert.StoredChannel;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fake of {@link AlertChannelRepository} over a map, with the case-insensitive unique name per environment. */
public final class InMemoryAlertChannelRepository implements AlertChannelRepository, InMemoryTransactions.Participant {

    private Map<AlertChannelId, StoredChannel> channels = new LinkedHashMap<>();

    @Override
    public void insert(StoredChannel channel) {
        requireFreeName(channel);
        channels.put(channel.channel().id(), channel);
    }

    @Override
    public void update(StoredChannel channel) {
        requireFreeName(channel);
        channels.replace(channel.channel().id(), channel);
    }

    private void requireFreeName(StoredChannel channel) {
        for (StoredChannel s : channels.values()) {
            if (!s.channel().id().equals(channel.channel().id()) && s.channel().environmentId().equals(channel.channel().environmentId())
                    && s.channel().name().equalsIgnoreCase(channel.channel().name())) {
                throw new UniqueViolation("channel name taken: " + channel.channel().name(), null);
            }
        }
    }

    @Override
    public boolean delete(AlertChannelId id) {
        return channels.remove(id) != null;
    }

    @Override
    public Optional<StoredChannel> findById(AlertChannelId id) {
        return Optional.ofNullable(channels.get(id));
    }

    @Override
    public List<StoredChannel> findByEnvironment(EnvironmentId environment) {
        return channels.values().stream().filter(s -> s.channel().environmentId().equals(environment))
                .sorted(Comparator.comparing(s -> s.channel().name())).toList();
    }

    @Override
    public Object snapshot() {
        return new LinkedHashMap<>(channels);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        channels = new LinkedHashMap<>((Map<AlertChannelId, StoredChannel>) snapshot);
    }
}
