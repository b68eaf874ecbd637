package jp.nurture.leads.core.campaign;

/**
 * A nurture program's "notify owner" step reached a lead whose owner has an e-mail address. Published inside the
 * transaction that moves the lead's position, so a listener that writes the notice in that same transaction
 * sends it exactly once with the step (the app's notice mail does, see lead-routing).
 *
 * @param leadId the lead the owner is told about
 * @param ownerEmail where the notice goes
 * @param ownerName the owner's display name
 * @param leadName the person's name
 * @param company the person's company, empty when unknown
 * @param product the product's name
 * @param program the program's name
 */
public record OwnerNotice(long leadId, String ownerEmail, String ownerName, String leadName, String company,
        String product, String program) {
}
