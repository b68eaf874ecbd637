package jp.nurture.leads.core.campaign;

import java.time.LocalDate;

/** A product's campaign: what it is for, when, for how much, who runs it, and how fast its email may leave. */
public record Campaign(long id, long productId, String name, CampaignChannel channel, String goal,
        LocalDate startsOn, LocalDate endsOn, Long budgetYen, Long ownerId, CampaignStatus status,
        Integer sendRatePerMinute, long spentYen, long members) {
}
