package dev.vectorflow.ports.out.alert;

import dev.vectorflow.core.network.Cidr;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The rules every delivery obeys: private, loopback and link-local addresses are refused unless inside one of
 * {@code allowedPrivateNetworks} (the alerts setting), and nothing may take longer than {@code timeout}.
 */
public record DeliveryPolicy(List<Cidr> allowedPrivateNetworks, Duration timeout) {
    public DeliveryPolicy {
        allowedPrivateNetworks = List.copyOf(allowedPrivateNetworks);
        Objects.requireNonNull(timeout, "timeout");
    }
}
