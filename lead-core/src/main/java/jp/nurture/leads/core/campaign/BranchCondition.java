package jp.nurture.leads.core.campaign;

/** What a branch step tests. */
public enum BranchCondition {
    /** The lead opened the email of the step named by {@code step}. */
    OPENED,
    /** The lead clicked a link in the email of the step named by {@code step}. */
    CLICKED,
    /** The lead's score is at least {@code value}. */
    SCORE_AT_LEAST,
    /** The lead is in the stage {@code value}. */
    STAGE,
    /** The lead is in the segment with id {@code value}. */
    IN_SEGMENT
}
