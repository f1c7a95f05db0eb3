package dev.vectorflow.ports.service.alert;

import dev.vectorflow.core.network.Cidr;
import dev.vectorflow.core.settings.SettingsCatalog;
import dev.vectorflow.core.settings.SettingsSnapshot;
import dev.vectorflow.ports.out.alert.DeliveryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The delivery policy of the settings as they are now (read at every delivery, so a changed setting applies at once). */
public final class DeliveryPolicies implements Supplier<DeliveryPolicy> {

    /** No attempt may take longer. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<SettingsSnapshot> settings;

    public DeliveryPolicies(Supplier<SettingsSnapshot> settings) {
        this.settings = settings;
    }

    @Override
    public DeliveryPolicy get() {
        List<Cidr> networks = new ArrayList<>();
        for (String part : settings.get().text(SettingsCatalog.ALERT_ALLOWED_NETWORKS).split(",")) {
            if (!part.isBlank()) {
                networks.add(Cidr.parse(SettingsCatalog.ALERT_ALLOWED_NETWORKS, part.strip()));
            }
        }
        return new DeliveryPolicy(networks, TIMEOUT);
    }
}
