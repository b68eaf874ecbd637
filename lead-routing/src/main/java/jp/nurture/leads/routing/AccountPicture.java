package jp.nurture.leads.routing;

import java.util.List;
import jp.nurture.leads.core.lead.LeadRow;
import jp.nurture.leads.core.party.Company;

/** One company as account sales and product sales both see it: its people's product leads and hand-offs. */
public record AccountPicture(Company company, String accountOwnerName, List<LeadRow> leads,
        List<HandOffView> handOffsInFlight) {
}
