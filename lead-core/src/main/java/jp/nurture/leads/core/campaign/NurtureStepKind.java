package jp.nurture.leads.core.campaign;

/** What one step of a nurture program does. */
public enum NurtureStepKind {
    /** Sends a template (params: templateId); the lead's consent is checked when the message leaves. */
    SEND_EMAIL,
    /** Waits (params: days) before the next step. */
    WAIT,
    /** Goes to one of two steps (params: condition, value, step, then, else). */
    BRANCH,
    /** Adds the lead to a campaign (params: campaignId). */
    ADD_TO_CAMPAIGN,
    /** Puts a note on the timeline and e-mails the lead's owner (when there is one with an address). */
    NOTIFY_OWNER,
    /** Moves the lead to a stage (params: stage). */
    CHANGE_STAGE,
    /** Ends the program for the lead. */
    STOP
}
