package jp.nurture.leads.routing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Japan's public holidays as the Act on National Holidays defines them (2000–2099): fixed days, Happy Monday
 * days, the equinoxes by the Cabinet Office's formula, substitute holidays (振替休日) and citizens' holidays
 * (国民の休日), plus the one-off days of 2019–2021. Written here because the holiday libraries on Maven Central
 * miss the equinoxes and the substitute rule for Japan.
 */
public final class JapaneseHolidays {

    private static final Map<Integer, Set<LocalDate>> BY_YEAR = new ConcurrentHashMap<>();

    private JapaneseHolidays() {
    }

    /** Whether the date is a public holiday in Japan. */
    public static boolean isHoliday(LocalDate date) {
        return of(date.getYear()).contains(date);
    }

    /** Every public holiday of the year, in date order. */
    public static Set<LocalDate> of(int year) {
        if (year < 2000 || year > 2099) {
            throw new IllegalArgumentException("holidays are known for 2000–2099, not " + year);
        }
        return BY_YEAR.computeIfAbsent(year, JapaneseHolidays::compute);
    }

    private static Set<LocalDate> compute(int y) {
        TreeSet<LocalDate> days = new TreeSet<>();
        days.add(LocalDate.of(y, 1, 1));
        days.add(monday(y, Month.JANUARY, 2));
        days.add(LocalDate.of(y, 2, 11));
        if (y >= 2020) {
            days.add(LocalDate.of(y, 2, 23));
        }
        days.add(LocalDate.of(y, 3, vernalEquinox(y)));
        days.add(LocalDate.of(y, 4, 29));
        days.add(LocalDate.of(y, 5, 3));
        if (y >= 2007) {
            days.add(LocalDate.of(y, 5, 4));
        }
        days.add(LocalDate.of(y, 5, 5));
        days.add(switch (y) {
            case 2020 -> LocalDate.of(y, 7, 23);
            case 2021 -> LocalDate.of(y, 7, 22);
            default -> y >= 2003 ? monday(y, Month.JULY, 3) : LocalDate.of(y, 7, 20);
        });
        if (y >= 2016) {
            days.add(switch (y) {
                case 2020 -> LocalDate.of(y, 8, 10);
                case 2021 -> LocalDate.of(y, 8, 8);
                default -> LocalDate.of(y, 8, 11);
            });
        }
        days.add(y >= 2003 ? monday(y, Month.SEPTEMBER, 3) : LocalDate.of(y, 9, 15));
        days.add(LocalDate.of(y, 9, autumnalEquinox(y)));
        days.add(switch (y) {
            case 2020 -> LocalDate.of(y, 7, 24);
            case 2021 -> LocalDate.of(y, 7, 23);
            default -> monday(y, Month.OCTOBER, 2);
        });
        days.add(LocalDate.of(y, 11, 3));
        days.add(LocalDate.of(y, 11, 23));
        if (y >= 1989 && y <= 2018) {
            days.add(LocalDate.of(y, 12, 23));
        }
        if (y == 2019) {
            days.add(LocalDate.of(y, 4, 30));
            days.add(LocalDate.of(y, 5, 1));
            days.add(LocalDate.of(y, 5, 2));
            days.add(LocalDate.of(y, 10, 22));
        }
        // 国民の休日: a weekday squeezed between two holidays is a holiday too (e.g. 2026-09-22).
        for (LocalDate d : Set.copyOf(days)) {
            LocalDate between = d.plusDays(1);
            if (!days.contains(between) && days.contains(between.plusDays(1))
                    && between.getDayOfWeek() != DayOfWeek.SUNDAY && between.getYear() == y) {
                days.add(between);
            }
        }
        // 振替休日: a holiday on a Sunday moves the rest to the next day that is not a holiday.
        for (LocalDate d : Set.copyOf(days)) {
            if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                LocalDate next = d.plusDays(1);
                while (days.contains(next)) {
                    next = next.plusDays(1);
                }
                if (next.getYear() == y) {
                    days.add(next);
                }
            }
        }
        return java.util.Collections.unmodifiableSortedSet(days);
    }

    private static LocalDate monday(int year, Month month, int nth) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(nth, DayOfWeek.MONDAY));
    }

    private static int vernalEquinox(int y) {
        return (int) Math.floor(20.8431 + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4.0));
    }

    private static int autumnalEquinox(int y) {
        return (int) Math.floor(23.2488 + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4.0));
    }
}
