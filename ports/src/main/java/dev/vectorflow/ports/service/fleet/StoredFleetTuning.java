package dev.vectorflow.ports.service.fleet;

import dev.vectorflow.core.settings.SettingsCatalog;
import dev.vectorflow.core.settings.SettingsSnapshot;
import java.time.Duration;
import java.util.function.Supplier;

/** The fleet's tunables read from the current settings (environment, store, default) at every use. */
public record StoredFleetTuning(Supplier<SettingsSnapshot> settings) implements FleetTuning {

    @Override
    public Duration pollInterval() {
        return Duration.ofMillis(settings.get().whole(SettingsCatalog.POLL_INTERVAL_MS));
    }

    @Override
    public int unhealthyThreshold() {
        return settings.get().wholeInt(SettingsCatalog.UNHEALTHY_THRESHOLD);
    }

    @Override
    public Duration metricsRetention() {
        return Duration.ofDays(settings.get().whole(SettingsCatalog.METRICS_RETENTION_DAYS));
    }

    @Override
    public Duration logsRetention() {
        return Duration.ofDays(settings.get().whole(SettingsCatalog.LOGS_RETENTION_DAYS));
    }

    @Override
    public int logLinesPerPipeline() {
        return settings.get().wholeInt(SettingsCatalog.LOG_LINES_PER_PIPELINE);
    }

    @Override
    public Duration unreachableAfter() {
        SettingsSnapshot now = settings.get();
        return Duration.ofMillis(now.whole(SettingsCatalog.POLL_INTERVAL_MS)).multipliedBy(now.whole(SettingsCatalog.UNHEALTHY_THRESHOLD));
    }
}
