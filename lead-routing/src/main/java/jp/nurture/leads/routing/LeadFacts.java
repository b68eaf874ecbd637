package jp.nurture.leads.routing;

import java.util.Map;

/**
 * What routing knows of a lead when it decides: its company, its channel, its scores and its custom field values
 * (e.g. the solution it asked about).
 */
public record LeadFacts(long leadId, long productId, Long companyId, String companyName, String prefecture,
        String industry, String employeeBand, String channel, boolean existingCustomer, Long accountOwnerId,
        int score, int fitScore, Long insideOwnerId, Map<String, String> custom) {

    public LeadFacts {
        custom = custom == null ? Map.of() : Map.copyOf(custom);
    }

    /** A lead without custom field values. */
    public LeadFacts(long leadId, long productId, Long companyId, String companyName, String prefecture,
            String industry, String employeeBand, String channel, boolean existingCustomer, Long accountOwnerId,
            int score, int fitScore, Long insideOwnerId) {
        this(leadId, productId, companyId, companyName, prefecture, industry, employeeBand, channel, existingCustomer,
                accountOwnerId, score, fitScore, insideOwnerId, Map.of());
    }
}
