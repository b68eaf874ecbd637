package jp.nurture.leads.core.lead;

/** BANT "T": when the customer means to buy. */
public enum Timeframe {
    WITHIN_3_MONTHS, WITHIN_6_MONTHS, WITHIN_12_MONTHS, OVER_12_MONTHS, UNDECIDED
}
