package jp.nurture.leads.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The computed calendar against the Cabinet Office's published lists. */
class JapaneseHolidaysTest {

    @Test
    void calendarOf2026MatchesTheCabinetOfficeList() {
        assertThat(JapaneseHolidays.of(2026)).containsExactly(dates(2026,
                "01-01", "01-12", "02-11", "02-23", "03-20", "04-29", "05-03", "05-04", "05-05", "05-06", "07-20",
                "08-11", "09-21", "09-22", "09-23", "10-12", "11-03", "11-23"));
    }

    @Test
    void calendarOf2025HasItsSubstituteHolidays() {
        assertThat(JapaneseHolidays.of(2025)).containsExactly(dates(2025,
                "01-01", "01-13", "02-11", "02-23", "02-24", "03-20", "04-29", "05-03", "05-04", "05-05", "05-06",
                "07-21", "08-11", "09-15", "09-23", "10-13", "11-03", "11-23", "11-24"));
    }

    @Test
    void olympicYearsMovedTheSummerHolidays() {
        assertThat(JapaneseHolidays.of(2021)).contains(dates(2021, "07-22", "07-23", "08-08", "08-09"))
                .doesNotContain(LocalDate.of(2021, 10, 11), LocalDate.of(2021, 8, 11));
        assertThat(JapaneseHolidays.of(2019)).contains(dates(2019, "04-30", "05-01", "05-02", "05-06", "10-22"));
    }

    @Test
    void equinoxesFollowTheFormula() {
        assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2027, 3, 21))).isTrue();
        assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2027, 9, 23))).isTrue();
        assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2024, 9, 22))).isTrue();
        assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2024, 9, 23))).isTrue(); // substitute for Sunday 22nd
    }

    private static LocalDate[] dates(int year, String... monthDays) {
        return List.of(monthDays).stream().map(md -> LocalDate.parse(year + "-" + md)).toArray(LocalDate[]::new);
    }
}
