package dev.vectorflow.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentRetriesTest {

    private static final List<String> LOG = List.of(
            "vectorflow-agent 0.1.0 starting",
            "2026-12-07T11:23:30.879Z WARNING vectorflow.agent: server http://127.0.0.1:19402 is unavailable; the next call goes to http://127.0.0.1:19400",
            "2026-12-07T11:23:30.879Z WARNING vectorflow.agent: heartbeat failed: POST http://127.0.0.1:19402/api/agent/heartbeat answered 503: The database cannot be reached",
            "2026-12-07T11:23:36.100Z WARNING vectorflow.agent: heartbeat failed: POST http://127.0.0.1:19400/api/agent/heartbeat failed: Connection refused",
            "2026-12-07T11:23:40.417Z WARNING vectorflow.agent: heartbeat failed: POST http://127.0.0.1:19400/api/agent/heartbeat answered 503: The database cannot be reached",
            "2026-12-07T11:23:49.414Z WARNING vectorflow.agent: heartbeat failed: POST http://127.0.0.1:19401/api/agent/heartbeat answered 503: The database cannot be reached",
            "2026-12-07T11:29:00.000Z WARNING vectorflow.agent: heartbeat failed: POST http://127.0.0.1:19401/api/agent/heartbeat answered 503: later");

    @Test
    void givenAnAgentLog_whenReadForAWindow_thenOnlyItsHeartbeatsAnswered503Count_withTheShortestGapBetweenThem() {
        AgentRetries retries = AgentRetries.in(LOG, Instant.parse("2026-12-07T11:23:00Z"), Instant.parse("2026-12-07T11:25:00Z"));

        assertThat(retries.refused()).hasSize(3);
        assertThat(retries.shortestGapSeconds()).isEqualTo(8.997);
    }

    @Test
    void givenOneHeartbeatAnswered503_thenThereIsNoGap() {
        AgentRetries retries = AgentRetries.in(LOG, Instant.parse("2026-12-07T11:28:00Z"), Instant.parse("2026-12-07T11:30:00Z"));

        assertThat(retries.refused()).hasSize(1);
        assertThat(retries.shortestGapSeconds()).isEqualTo(-1);
    }
}
