package jp.nurture.leads.core.campaign;

/** How far a member has come in a campaign. */
public enum MemberStatus {
    INVITED, REGISTERED, ATTENDED, RESPONDED
}
