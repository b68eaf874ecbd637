package jp.nurture.leads.routing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Business days in Japan: Monday to Friday except public holidays, counted in Japan time. */
public final class BusinessCalendar {

    /** The zone every SLA is counted in. */
    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final LocalTime DAY_START = LocalTime.of(9, 0);

    private BusinessCalendar() {
    }

    public static boolean isBusinessDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !JapaneseHolidays.isHoliday(date);
    }

    /**
     * When a hand-off routed at {@code start} must be accepted: the same time of day, {@code days} business days
     * later. Work arriving on a day off counts from 09:00 of the next business day.
     */
    public static Instant dueAfter(Instant start, int days) {
        ZonedDateTime at = start.atZone(JAPAN);
        if (!isBusinessDay(at.toLocalDate())) {
            LocalDate next = at.toLocalDate().plusDays(1);
            while (!isBusinessDay(next)) {
                next = next.plusDays(1);
            }
            at = next.atTime(DAY_START).atZone(JAPAN);
        }
        LocalDate date = at.toLocalDate();
        for (int left = days; left > 0; ) {
            date = date.plusDays(1);
            if (isBusinessDay(date)) {
                left--;
            }
        }
        return date.atTime(at.toLocalTime()).atZone(JAPAN).toInstant();
    }
}
