package jp.nurture.leads.core.lead;

/** Someone else changed the lead after this user loaded it; their change is kept and this one refused. */
public class ConcurrentLeadChange extends RuntimeException {

    public ConcurrentLeadChange(Long leadId) {
        super("lead " + leadId + " was changed by someone else");
    }
}
