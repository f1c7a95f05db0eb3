package dev.vectorflow.core.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.validation.InvalidValueException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void dailyAtThree_firesNextAtThreeUtc_andLastFiredAtThreeToday() {
        CronSchedule daily = CronSchedule.parse("VF_BACKUP_SCHEDULE", "0 3 * * *");

        assertThat(daily.next(at("2026-12-06T10:15:30Z"))).contains(at("2026-12-07T03:00:00Z"));
        assertThat(daily.next(at("2026-12-06T02:59:59Z"))).contains(at("2026-12-06T03:00:00Z"));
        assertThat(daily.next(at("2026-12-06T03:00:00Z"))).contains(at("2026-12-07T03:00:00Z"));
        assertThat(daily.previous(at("2026-12-06T10:15:30Z"))).contains(at("2026-12-06T03:00:00Z"));
        assertThat(daily.previous(at("2026-12-06T03:00:00Z"))).contains(at("2026-12-06T03:00:00Z"));
        assertThat(daily.previous(at("2026-12-06T02:59:00Z"))).contains(at("2026-12-05T03:00:00Z"));
    }

    @Test
    void stepsRangesListsNamesAndMacros_areUnderstood() {
        assertThat(CronSchedule.parse("s", "*/15 * * * *").next(at("2026-12-06T10:16:00Z"))).contains(at("2026-12-06T10:30:00Z"));
        assertThat(CronSchedule.parse("s", "30 1-5/2 * * *").next(at("2026-12-06T02:00:00Z"))).contains(at("2026-12-06T03:30:00Z"));
        assertThat(CronSchedule.parse("s", "0 0 * * MON,fri").next(at("2026-12-06T00:00:00Z"))).contains(at("2026-12-07T00:00:00Z"));
        assertThat(CronSchedule.parse("s", "0 12 1 JAN *").next(at("2026-12-06T00:00:00Z"))).contains(at("2027-01-01T12:00:00Z"));
        assertThat(CronSchedule.parse("s", "@weekly").next(at("2026-12-06T00:00:00Z"))).contains(at("2026-12-13T00:00:00Z"));
        assertThat(CronSchedule.parse("s", "@hourly").previous(at("2026-12-06T10:59:00Z"))).contains(at("2026-12-06T10:00:00Z"));
        // Sunday is 0 or 7
        assertThat(CronSchedule.parse("s", "0 0 * * 7").next(at("2026-12-01T00:00:00Z"))).contains(at("2026-12-06T00:00:00Z"));
    }

    @Test
    void bothDayFieldsRestricted_matchEitherDay_asCronDoes() {
        CronSchedule firstOrMonday = CronSchedule.parse("s", "0 0 1 * 1");

        assertThat(firstOrMonday.next(at("2026-12-01T00:00:00Z"))).contains(at("2026-12-07T00:00:00Z"));
        assertThat(firstOrMonday.next(at("2026-12-28T00:00:00Z"))).contains(at("2027-01-01T00:00:00Z"));
    }

    @Test
    void leapDay_isFoundYearsAhead() {
        assertThat(CronSchedule.parse("s", "0 0 29 2 *").next(at("2026-12-06T00:00:00Z"))).contains(at("2028-02-29T00:00:00Z"));
    }

    @Test
    void malformedExpressions_areRefusedNamingTheSettingAndThePart() {
        assertThatThrownBy(() -> CronSchedule.parse("VF_BACKUP_SCHEDULE", "0 3 * *")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("VF_BACKUP_SCHEDULE").hasMessageContaining("five fields");
        assertThatThrownBy(() -> CronSchedule.parse("VF_BACKUP_SCHEDULE", "0 25 * * *")).hasMessageContaining("'25' where the hour (0 to 23)");
        assertThatThrownBy(() -> CronSchedule.parse("VF_BACKUP_SCHEDULE", "0 5-1 * * *")).hasMessageContaining("backwards");
        assertThatThrownBy(() -> CronSchedule.parse("VF_BACKUP_SCHEDULE", "0 0 31 2 *")).hasMessageContaining("never matches");
        assertThatThrownBy(() -> CronSchedule.parse("VF_BACKUP_SCHEDULE", "0 0 * * funday")).hasMessageContaining("day of week");
    }
}
