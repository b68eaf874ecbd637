package jp.nurture.leads.core.lead;

import java.util.List;
import jp.nurture.leads.core.activity.Activity;
import jp.nurture.leads.core.party.Company;
import jp.nurture.leads.core.party.Person;

/** Everything the lead page shows: the person, their company, every product lead the user may see, the timeline. */
public record LeadDossier(Lead lead, Person person, Company company, List<LeadRow> productLeads,
        List<Activity> timeline) {
}
