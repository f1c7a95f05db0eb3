package dev.vectorflow.ports.service.alert;

import dev.vectorflow.core.alert.AlertId;
import dev.vectorflow.core.environment.EnvironmentId;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Links from notifications into the UI, built on the server's public URL (the setting {@code auth.publicUrl}, read at
 * every notification): {@code <public URL>/alerts?environment=<id>&alert=<id>}; none while the setting is empty.
 */
public final class AlertLinks {

    /** No links (no public URL known). */
    public static final AlertLinks NONE = new AlertLinks(Optional::empty);

    private final Supplier<Optional<String>> publicUrl;

    public AlertLinks(Supplier<Optional<String>> publicUrl) {
        this.publicUrl = publicUrl;
    }

    /** The alert in the UI's alert list of its environment. */
    public Optional<URI> toAlert(EnvironmentId environment, AlertId alert) {
        return base().map(b -> URI.create(b + "/alerts?environment=" + environment + "&alert=" + alert));
    }

    /** The UI's alert list of the environment. */
    public Optional<URI> toAlerts(EnvironmentId environment) {
        return base().map(b -> URI.create(b + "/alerts?environment=" + environment));
    }

    private Optional<String> base() {
        return publicUrl.get().map(String::strip).filter(u -> !u.isEmpty()).map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
    }
}
