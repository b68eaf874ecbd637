package jp.nurture.leads.core.report;

/**
 * What happened in a period, by the day it happened: leads created, leads that became hot, hand-offs to field
 * sales, and field sales' answers and outcomes.
 */
public record PeriodTotals(long newLeads, long becameHot, long handedOff, long accepted, long returned, long won,
        long wonAmountYen, long lost, long answered, long answeredInSla) {

    public static final PeriodTotals NONE = new PeriodTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Accepted hand-offs per hand-off made in the period, in percent; null without hand-offs. */
    public Double acceptedPercent() {
        return percent(accepted, handedOff);
    }

    public Double returnedPercent() {
        return percent(returned, handedOff);
    }

    /** Won deals per hand-off made in the period, in percent: seed 000's hand-off precision. */
    public Double wonPercent() {
        return percent(won, handedOff);
    }

    /** Answers (accept or return) given by the SLA deadline, per answer whose deadline is known. */
    public Double slaKeptPercent() {
        return percent(answeredInSla, answered);
    }

    static Double percent(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
    }
}
