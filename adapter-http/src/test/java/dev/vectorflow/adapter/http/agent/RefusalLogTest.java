package dev.vectorflow.adapter.http.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefusalLogTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(5 * SECOND);
    private final List<String> lines = new ArrayList<>();
    private final RefusalLog log = new RefusalLog(10 * SECOND, now::get, lines::add);

    @Test
    void theFirstRefusalIsReportedAtOnce_thenOneLinePerPeriodWithTheCounts() {
        log.count(503);
        for (int i = 0; i < 999; i++) {
            log.count(503);
        }
        log.count(429);
        now.addAndGet(9 * SECOND);
        log.count(503);
        now.addAndGet(SECOND);
        log.count(429);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("agent calls turned away since the last report: 1 × 503").contains("0 × 429");
        assertThat(lines.get(1)).as("the 1,000 refusals of the period, on one line")
                .startsWith("agent calls turned away since the last report: 1000 × 503").contains("2 × 429");
    }

    @Test
    void onlyLoadRefusalsAreCounted() {
        assertThat(RefusalLog.counted(503)).isTrue();
        assertThat(RefusalLog.counted(429)).isTrue();
        assertThat(RefusalLog.counted(401)).as("a bad token keeps its own line (with the address)").isFalse();
        assertThat(RefusalLog.counted(400)).isFalse();
        assertThat(RefusalLog.counted(200)).isFalse();
    }
}
