package jp.nurture.leads.core.lead;

import java.time.Instant;

/** One line of the lead list or one card on the stage board. */
public record LeadRow(long leadId, long personId, String personName, String companyName, String email,
        long productId, String productCode, Stage stage, Instant stageChangedAt, Long ownerId, String ownerName,
        int score, boolean hot, int bantAnswered, long version) {
}
