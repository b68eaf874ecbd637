package jp.nurture.leads.core.lead;

/** No such lead, or it belongs to a product the user may not see; the two are deliberately indistinguishable. */
public class LeadNotFound extends RuntimeException {

    public LeadNotFound(Long id) {
        super("lead " + id + " not found");
    }
}
