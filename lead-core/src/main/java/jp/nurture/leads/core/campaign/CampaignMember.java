package jp.nurture.leads.core.campaign;

/** A lead in a campaign, with how far they have come. */
public record CampaignMember(long leadId, String fullName, String company, String email, MemberStatus status,
        String source) {
}
