package jp.nurture.leads.core.campaign;

/** How leads enter a nurture program. */
public enum NurtureEntry {
    /** Whenever a lead of the product matches the segment. */
    SEGMENT,
    /** The segment's leads, once, at the program's start time. */
    SCHEDULE,
    /** A lead of the product who submits a form. */
    FORM_SUBMITTED
}
