package jp.nurture.leads.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.activity.NewActivity;
import jp.nurture.leads.core.campaign.CampaignChannel;
import jp.nurture.leads.core.campaign.Campaigns;
import jp.nurture.leads.core.campaign.EmailSends;
import jp.nurture.leads.core.campaign.EmailTemplates;
import jp.nurture.leads.core.campaign.NewCampaign;
import jp.nurture.leads.core.product.ProductScope;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Campaign data with costs, outcomes and e-mail results for the dashboard tests. */
public final class DemoCampaigns {

    public static final String SEMINAR_CAMPAIGN = "ROI検証セミナー";
    public static final String AD_CAMPAIGN = "ROI検証テレコール";
    private static final String JST = "Asia/Tokyo";

    private DemoCampaigns() {
    }

    /**
     * Two campaigns of CLOUD-ACC with costs (one booked two months ago), members who joined three hours ago and
     * then became hot, were handed off and won (one lead became hot before it joined: not the campaign's), and two
     * sends with bounces, opens, clicks and unsubscribes. Made once per database; the leads are NEW_LEAD demo leads
     * 20-25 of CLOUD-ACC.
     */
    public static synchronized void seed(JdbcClient jdbc, Campaigns campaigns, EmailTemplates templates,
            EmailSends sends, ActivityLog activities) {
        if (jdbc.sql("select exists (select 1 from campaign where name = ?)").param(SEMINAR_CAMPAIGN)
                .query(Boolean.class).single()) {
            return;
        }
        ProductScope all = ProductScope.all();
        long product = DemoLeads.productId(jdbc, "CLOUD-ACC");
        LocalDate today = LocalDate.now(java.time.ZoneId.of(JST));
        List<Long> leads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            leads.add(DemoLeads.leadIn(jdbc, "CLOUD-ACC", "NEW_LEAD", 20 + i));
        }
        long seminar = campaigns.create(new NewCampaign(product, SEMINAR_CAMPAIGN, CampaignChannel.SEMINAR, null,
                today.minusDays(3), today.plusDays(3), 1_000_000L, null, null), all);
        long ad = campaigns.create(new NewCampaign(product, AD_CAMPAIGN, CampaignChannel.TELE_CALL, null, null, null,
                null, null, null), all);
        campaigns.addLeads(seminar, leads.subList(0, 4), "seminar list", all);
        campaigns.addLeads(ad, leads.subList(2, 6), "ad list", all);
        Instant joined = Instant.now().minus(Duration.ofHours(3));
        jdbc.sql("update campaign_member set added_at = ? where campaign_id in (?, ?)")
                .params(java.sql.Timestamp.from(joined), seminar, ad).update();
        campaigns.addCost(seminar, today, "会場費", 300_000L, all);
        campaigns.addCost(seminar, today, "講師謝礼", 50_000L, all);
        campaigns.addCost(seminar, today.minusMonths(2), "前回の会場費", 999_000L, all);
        campaigns.addCost(ad, today, "テレコール委託", 120_000L, all);
        List<NewActivity> events = new ArrayList<>();
        // Before it joined any campaign: counts for the product, not for a campaign.
        events.add(new NewActivity(leads.get(0), product, ActivityType.BECAME_HOT, joined.minus(Duration.ofHours(2)),
                null, Map.of("test", "campaign")));
        for (int i = 1; i < 4; i++) {
            events.add(new NewActivity(leads.get(i), product, ActivityType.BECAME_HOT,
                    joined.plus(Duration.ofMinutes(10 * i)), null, Map.of("test", "campaign")));
        }
        events.add(new NewActivity(leads.get(1), product, ActivityType.ROUTED, joined.plus(Duration.ofMinutes(40)),
                null, Map.of("handOff", -911)));
        events.add(new NewActivity(leads.get(2), product, ActivityType.ROUTED, joined.plus(Duration.ofMinutes(41)),
                null, Map.of("handOff", -912)));
        events.add(new NewActivity(leads.get(2), product, ActivityType.WON, joined.plus(Duration.ofMinutes(90)),
                null, Map.of("handOff", -912, "amountYen", 840_000)));
        events.add(new NewActivity(leads.get(4), product, ActivityType.ROUTED, joined.plus(Duration.ofMinutes(42)),
                null, Map.of("handOff", -913)));
        events.add(new NewActivity(leads.get(4), product, ActivityType.WON, joined.plus(Duration.ofMinutes(95)),
                null, Map.of("handOff", -913, "amountYen", 2_000_000)));
        activities.recordAll(events);

        long newsletter = emailType(jdbc, product, "NEWSLETTER");
        long invitation = emailType(jdbc, product, "SEMINAR");
        long first = sends.issue(seminar, templates.create(product, invitation, "ROI検証 招待", "セミナーのご案内",
                "<p>{{name}} 様</p>", "{{name}} 様", all), null, all);
        long second = sends.issue(ad, templates.create(product, newsletter, "ROI検証 ニュース", "ニュースレター 12月号",
                "<p>{{name}} 様</p>", "{{name}} 様", all), null, all);
        // What the outbox worker and the tracking endpoints record: three delivered, one bounced, one still waiting.
        deliver(jdbc, first, leads.get(0), "SENT", "OPEN", "CLICK");
        deliver(jdbc, first, leads.get(1), "SENT", "OPEN");
        deliver(jdbc, first, leads.get(2), "SENT", "UNSUBSCRIBE");
        deliver(jdbc, first, leads.get(3), "BOUNCED");
        deliver(jdbc, second, leads.get(2), "SENT", "OPEN", "CLICK", "UNSUBSCRIBE");
        deliver(jdbc, second, leads.get(3), "SENT");
        deliver(jdbc, second, leads.get(4), "BOUNCED");
    }

    private static void deliver(JdbcClient jdbc, long send, long lead, String status, String... events) {
        long outbox = jdbc.sql("update email_outbox set status = ?, sent_at = case when ? = 'SENT' then now() end"
                        + " where send_id = ? and lead_id = ? returning id")
                .params(status, status, send, lead).query(Long.class).single();
        for (String kind : events) {
            jdbc.sql("insert into email_event (outbox_id, kind, occurred_at) values (?, ?, now())")
                    .params(outbox, kind).update();
        }
    }

    private static long emailType(JdbcClient jdbc, long product, String code) {
        return jdbc.sql("select id from email_type where product_id = ? and code = ?").params(product, code)
                .query(Long.class).single();
    }

}
