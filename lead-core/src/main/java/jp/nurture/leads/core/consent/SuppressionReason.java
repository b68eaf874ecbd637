package jp.nurture.leads.core.consent;

/** Why an address is on the global suppression list. */
public enum SuppressionReason {
    /** The person opted out of everything. */
    OPT_OUT,
    /** The receiving server said the mailbox does not exist. */
    HARD_BOUNCE,
    /** The person's data was erased on request; the opt-out must outlive it. */
    ERASURE
}
