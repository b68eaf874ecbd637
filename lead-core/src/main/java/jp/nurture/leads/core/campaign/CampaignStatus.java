package jp.nurture.leads.core.campaign;

/** Where a campaign is in its life. */
public enum CampaignStatus {
    PLANNED, ACTIVE, COMPLETED, CANCELLED
}
