package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.out.settings.SettingsRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Fake of {@link SettingsRepository}: the stored settings in a map. */
public final class InMemorySettingsRepository implements SettingsRepository, InMemoryTransactions.Participant {

    private Map<String, StoredSetting> settings = new TreeMap<>();

    @Override
    public Map<String, StoredSetting> findAll() {
        return new LinkedHashMap<>(settings);
    }

    @Override
    public void put(String key, StoredSetting setting) {
        settings.put(key, setting);
    }

    @Override
    public boolean delete(String key) {
        return settings.remove(key) != null;
    }

    @Override
    public Object snapshot() {
        return new TreeMap<>(settings);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        settings = new TreeMap<>((Map<String, StoredSetting>) snapshot);
    }
}
