package dev.vectorflow.agent.control;

import dev.vectorflow.agent.pipeline.Backoff;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the control loop sends about itself and how it paces its calls.
 *
 * @param enrollmentToken  {@code VF_TOKEN}, used only while the node holds no node token
 * @param pollInterval     heartbeat interval until the server says otherwise
 * @param minHeartbeatGap  an early heartbeat (after a local change) comes at most this often
 * @param retryBackoff     after a failed call: full-jitter backoff (docs/agent-protocol.md: 1 s doubling to 60 s)
 * @param scrapeBudget     all metrics scrapes of one heartbeat together; a hung Vector never delays the heartbeat more
 * @param sampleTimeout    one {@code sample} request per component
 */
public record ControlSettings(String agentVersion, String hostname, String os, String deploymentMode, Map<String, String> labels,
                              Optional<String> enrollmentToken, Duration pollInterval, Duration minHeartbeatGap,
                              Backoff retryBackoff, Duration scrapeBudget, Duration sampleTimeout) {

    public ControlSettings {
        labels = Map.copyOf(labels);
    }

    @Override
    public String toString() {
        return "ControlSettings[agentVersion=" + agentVersion + ", hostname=" + hostname + ", labels=" + labels
                + ", enrollmentToken=" + (enrollmentToken.isPresent() ? "****" : "none") + ", pollInterval=" + pollInterval + "]";
    }
}
