package jp.nurture.leads.core.campaign;

/** A product's email of one email type: subject, HTML and text with merge fields such as {{name}}. */
public record EmailTemplate(long id, long productId, long emailTypeId, String name, String subject, String htmlBody,
        String textBody, long version) {
}
