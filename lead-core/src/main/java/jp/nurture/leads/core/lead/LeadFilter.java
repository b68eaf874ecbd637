package jp.nurture.leads.core.lead;

/**
 * What the lead list is narrowed to; every part is optional. {@code before} is the keyset cursor: only leads
 * with a smaller id are listed, so deep pages cost the same as the first.
 */
public record LeadFilter(Long productId, Stage stage, Long ownerId, String text, Long before) {

    public static LeadFilter none() {
        return new LeadFilter(null, null, null, null, null);
    }
}
