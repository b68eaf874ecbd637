package jp.nurture.leads.routing;

/** What routing knows of a lead when it decides: its company, its channel and its scores. */
public record LeadFacts(long leadId, long productId, Long companyId, String companyName, String prefecture,
        String industry, String employeeBand, String channel, boolean existingCustomer, Long accountOwnerId,
        int score, int fitScore, Long insideOwnerId) {
}
