package dev.vectorflow.ports.out.alert;

import dev.vectorflow.core.alert.AlertChannel;
import java.util.Objects;

/** A channel as stored: what may be shown, and its secret settings sealed by the key ring into one envelope. */
public record StoredChannel(AlertChannel channel, String sealedSecrets) {
    public StoredChannel {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(sealedSecrets, "sealedSecrets");
    }

    @Override
    public String toString() {
        return "StoredChannel[" + channel + ", sealedSecrets=…]";
    }
}
