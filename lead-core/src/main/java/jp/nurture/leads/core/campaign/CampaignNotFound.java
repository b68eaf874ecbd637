package jp.nurture.leads.core.campaign;

/** No campaign, template, send or program with this id within the user's products. */
public class CampaignNotFound extends RuntimeException {

    public CampaignNotFound(String what, long id) {
        super(what + " " + id + " not found");
    }
}
