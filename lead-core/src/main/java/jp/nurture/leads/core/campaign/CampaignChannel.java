package jp.nurture.leads.core.campaign;

/** How a campaign reaches people (seed 004). */
public enum CampaignChannel {
    EMAIL, SEMINAR, EXHIBITION, WHITE_PAPER, AD, SNS, DIRECT_MAIL, TELE_CALL
}
