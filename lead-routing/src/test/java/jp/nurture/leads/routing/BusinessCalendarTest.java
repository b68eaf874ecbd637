package jp.nurture.leads.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Two business days skip weekends and public holidays, counted in Japan time. */
class BusinessCalendarTest {

    @Test
    void twoBusinessDaysFromFridayEndOnTuesday() {
        assertThat(due("2026-11-13T15:00", 2)).isEqualTo(jst("2026-11-17T15:00"));
    }

    @Test
    void aPublicHolidayIsNotABusinessDay() {
        // Friday 2026-11-20 → Monday 23rd is Labour Thanksgiving Day → Tuesday 24th, Wednesday 25th.
        assertThat(due("2026-11-20T10:00", 2)).isEqualTo(jst("2026-11-25T10:00"));
    }

    @Test
    void silverWeekOf2026SkipsFiveDaysInARow() {
        // Friday 18 Sep; 19–20 weekend, 21 Respect for the Aged, 22 citizens' holiday, 23 equinox.
        assertThat(due("2026-09-18T11:00", 1)).isEqualTo(jst("2026-09-24T11:00"));
    }

    @Test
    void workArrivingOnADayOffCountsFromNineOnTheNextBusinessDay() {
        assertThat(due("2026-11-14T22:00", 2)).isEqualTo(jst("2026-11-18T09:00"));
    }

    private static Instant due(String jstStart, int days) {
        return BusinessCalendar.dueAfter(jst(jstStart), days);
    }

    private static Instant jst(String local) {
        return LocalDateTime.parse(local).atZone(BusinessCalendar.JAPAN).toInstant();
    }
}
