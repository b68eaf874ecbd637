package jp.nurture.leads.core.campaign;

import java.time.LocalDate;

/** Money spent on a campaign. */
public record CampaignCost(long id, LocalDate spentOn, String description, long amountYen) {
}
