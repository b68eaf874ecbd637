package jp.nurture.leads.routing;

/** What started a routing. */
public enum Trigger {
    /** Inside sales moved the lead to CONVERTED. */
    CONVERTED,
    /** Scoring marked the lead hot and the product routes hot leads directly. */
    HOT,
    /** The previous owner let the SLA pass and the product moves such hand-offs on. */
    REASSIGNED
}
