package jp.nurture.leads.core.campaign;

import jp.nurture.leads.core.lead.Channel;

/** How a campaign reaches people (seed 004). */
public enum CampaignChannel {
    EMAIL(Channel.EMAIL), SEMINAR(Channel.SEMINAR), EXHIBITION(Channel.EXHIBITION), WHITE_PAPER(Channel.WHITE_PAPER),
    AD(Channel.AD), SNS(Channel.SNS), DIRECT_MAIL(Channel.DIRECT_MAIL), TELE_CALL(Channel.TELE_APPOINTMENT);

    private final Channel leadChannel;

    CampaignChannel(Channel leadChannel) {
        this.leadChannel = leadChannel;
    }

    /** The lead channel the campaign's leads arrive by: where its cost is booked on the channels panel. */
    public Channel leadChannel() {
        return leadChannel;
    }
}
