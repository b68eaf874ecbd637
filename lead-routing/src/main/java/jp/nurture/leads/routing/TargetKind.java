package jp.nurture.leads.routing;

/** Whom a routing rule gives the lead to. */
public enum TargetKind {
    /** The account owner of the lead's company. */
    ACCOUNT_OWNER,
    /** One named person. */
    PERSON,
    /** A member of a team, picked by the rule's strategy. */
    TEAM
}
