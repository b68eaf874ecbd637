package jp.nurture.leads.core.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/** A reporting period: a Monday-to-Sunday week or a calendar month (Japanese calendar days). */
public record Period(Kind kind, LocalDate start) {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    /** How long a PDCA cycle is. */
    public enum Kind { WEEK, MONTH }

    public Period {
        if (kind == Kind.WEEK && start.getDayOfWeek() != DayOfWeek.MONDAY
                || kind == Kind.MONTH && start.getDayOfMonth() != 1) {
            throw new IllegalArgumentException("a period starts on a Monday or on the first of a month");
        }
    }

    /** The week or month that contains the day. */
    public static Period containing(Kind kind, LocalDate day) {
        return new Period(kind, kind == Kind.WEEK ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                : day.withDayOfMonth(1));
    }

    /** The first day after the period. */
    public LocalDate end() {
        return kind == Kind.WEEK ? start.plusWeeks(1) : start.plusMonths(1);
    }

    /** The period's first moment: midnight in Japan. */
    public Instant from() {
        return start.atStartOfDay(JAPAN).toInstant();
    }

    /** The first moment after the period. */
    public Instant until() {
        return end().atStartOfDay(JAPAN).toInstant();
    }

    public Period previous() {
        return minus(1);
    }

    public Period minus(int periods) {
        return new Period(kind, kind == Kind.WEEK ? start.minusWeeks(periods) : start.minusMonths(periods));
    }

    /** How many days the period has; monthly targets are scaled by it for a week. */
    public int days() {
        return (int) (end().toEpochDay() - start.toEpochDay());
    }

    /** 2026-11 for a month, 2026-11-23 (the Monday) for a week. */
    public String label() {
        return kind == Kind.MONTH ? start.toString().substring(0, 7) : start.toString();
    }
}
