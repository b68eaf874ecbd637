package jp.nurture.leads.core.campaign;

import java.time.LocalDate;

/** What a marketer enters for a campaign. */
public record NewCampaign(long productId, String name, CampaignChannel channel, String goal, LocalDate startsOn,
        LocalDate endsOn, Long budgetYen, Long ownerId, Integer sendRatePerMinute) {
}
