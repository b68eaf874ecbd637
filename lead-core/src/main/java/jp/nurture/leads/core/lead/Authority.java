package jp.nurture.leads.core.lead;

/** BANT "A": the contact's say in the purchase. */
public enum Authority {
    DECISION_MAKER, INFLUENCER, END_USER, UNKNOWN
}
