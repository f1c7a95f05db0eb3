package dev.vectorflow.core.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private record Kept(String name, Instant at) {
    }

    /** One backup a day for ten days, newest first: day0 (today) .. day9. */
    private static List<Kept> tenDays() {
        return java.util.stream.IntStream.range(0, 10).mapToObj(i -> new Kept("day" + i, NOW.minus(Duration.ofDays(i)).minusSeconds(60))).toList();
    }

    private static List<String> expired(RetentionPolicy policy, List<Kept> backups) {
        return policy.expired(backups, Kept::at, NOW).stream().map(Kept::name).sorted().toList();
    }

    @Test
    void keepLastThree_removesTheOlderOnes() {
        assertThat(expired(new RetentionPolicy(3, 0), tenDays())).containsExactly("day3", "day4", "day5", "day6", "day7", "day8", "day9");
    }

    @Test
    void keepFiveDays_removesThoseOlderThanFiveDays() {
        assertThat(expired(new RetentionPolicy(0, 5), tenDays())).containsExactly("day5", "day6", "day7", "day8", "day9");
    }

    @Test
    void bothRules_keepWhatEitherKeeps() {
        assertThat(expired(new RetentionPolicy(7, 2), tenDays())).containsExactly("day7", "day8", "day9");
        assertThat(expired(new RetentionPolicy(1, 4), tenDays())).containsExactly("day4", "day5", "day6", "day7", "day8", "day9");
    }

    @Test
    void theNewestBackupAlwaysStays_andNoRuleKeepsEverything() {
        List<Kept> old = List.of(new Kept("old", NOW.minus(Duration.ofDays(100))), new Kept("older", NOW.minus(Duration.ofDays(200))));
        assertThat(expired(new RetentionPolicy(0, 1), old)).containsExactly("older");
        assertThat(expired(RetentionPolicy.keepEverything(), tenDays())).isEmpty();
    }
}
