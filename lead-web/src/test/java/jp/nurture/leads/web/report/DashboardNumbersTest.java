package jp.nurture.leads.web.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.activity.NewActivity;
import jp.nurture.leads.core.campaign.Campaigns;
import jp.nurture.leads.core.campaign.EmailSendTallies;
import jp.nurture.leads.core.campaign.EmailSends;
import jp.nurture.leads.core.campaign.EmailTemplates;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.report.Dashboards;
import jp.nurture.leads.core.report.Period;
import jp.nurture.leads.core.report.ProductDashboard;
import jp.nurture.leads.core.report.ReportRollup;
import jp.nurture.leads.core.report.ReportTable;
import jp.nurture.leads.web.DemoCampaigns;
import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every number of every built-in panel, for every demo product and for a month, a week and a past month, equals a
 * count computed here independently from the raw tables (lead, activity, campaign_member, campaign_cost,
 * email_outbox, email_event) — not from the rollups.
 */
@LeadsWebTest
class DashboardNumbersTest {

    private static final String JST = "Asia/Tokyo";

    @Autowired JdbcClient jdbc;
    @Autowired Dashboards dashboards;
    @Autowired ReportRollup rollup;
    @Autowired ActivityLog activities;
    @Autowired Campaigns campaigns;
    @Autowired EmailTemplates templates;
    @Autowired EmailSends sends;
    @Autowired EmailSendTallies tallies;

    static final String SEMINAR_CAMPAIGN = DemoCampaigns.SEMINAR_CAMPAIGN;
    static final String AD_CAMPAIGN = DemoCampaigns.AD_CAMPAIGN;

    @BeforeEach
    void outcomesWithAmountsAndDeadlines() {
        long product = DemoLeads.productId(jdbc, "CLOUD-ACC");
        if (jdbc.sql("select exists (select 1 from activity where detail ->> 'handOff' = '-901')").query(Boolean.class)
                .single()) {
            return;
        }
        long a = DemoLeads.leadIn(jdbc, "CLOUD-ACC", "CONVERTED", 0);
        long b = DemoLeads.leadIn(jdbc, "CLOUD-ACC", "WORKING_CONNECTED", 0);
        Instant t = Instant.now().minus(Duration.ofHours(3));
        List<NewActivity> history = new ArrayList<>();
        history.add(new NewActivity(a, product, ActivityType.ROUTED, t, null,
                Map.of("handOff", -901, "due", t.plus(Duration.ofHours(2)).toString())));
        history.add(new NewActivity(a, product, ActivityType.ACCEPTED, t.plus(Duration.ofHours(1)), null,
                Map.of("handOff", -901)));
        history.add(new NewActivity(a, product, ActivityType.WON, t.plus(Duration.ofHours(2)), null,
                Map.of("handOff", -901, "amountYen", 1_200_000)));
        history.add(new NewActivity(b, product, ActivityType.ROUTED, t, null,
                Map.of("handOff", -902, "due", t.plus(Duration.ofMinutes(30)).toString())));
        history.add(new NewActivity(b, product, ActivityType.RETURNED, t.plus(Duration.ofHours(1)), null,
                Map.of("handOff", -902, "reason", "=予算が未確定")));
        activities.recordAll(history);
    }

    /** Campaigns with costs, member outcomes and sends with e-mail results (see {@link DemoCampaigns}). */
    @BeforeEach
    void campaignsWithCostsOutcomesAndSends() {
        DemoCampaigns.seed(jdbc, campaigns, templates, sends, activities);
    }

    @Test
    void everyPanelMatchesCountsFromTheRawTables() {
        rollup.refreshNow();
        LocalDate today = LocalDate.now(java.time.ZoneId.of(JST));
        List<Period> periods = List.of(Period.containing(Period.Kind.MONTH, today),
                Period.containing(Period.Kind.WEEK, today), Period.containing(Period.Kind.MONTH, today).minus(4));
        long nonZero = 0;
        for (long product : jdbc.sql("select id from product order by id").query(Long.class).list()) {
            for (Period period : periods) {
                ProductDashboard d = dashboards.product(product, period, ProductScope.all());
                nonZero += checkTotals(d, product, period);
                checkFunnel(d.panel("funnel").orElseThrow(), product, period);
                checkChannels(d.panel("channels").orElseThrow(), product, period);
                checkReasons(d.panel("return_reasons").orElseThrow(), product, period);
                checkScores(d.panel("scores").orElseThrow(), product);
                checkSeries(d.panel("trend_series").orElseThrow(), product, period);
                checkHotWeeks(d.panel("hot_weekly").orElseThrow(), product);
                checkCampaigns(d.panel("campaigns").orElseThrow(), product, period);
                checkEmail(d.panel("email_sends").orElseThrow(), d.panel("email_types").orElseThrow(), product,
                        period);
            }
            checkCompanyCosts(product, periods);
        }
        assertThat(nonZero).as("the demo gives the panels something to count").isGreaterThan(20);

        long cloud = DemoLeads.productId(jdbc, "CLOUD-ACC");
        // The outcomes added above happened 1-2 hours ago: in this month unless the month began since.
        Period added = Period.containing(Period.Kind.MONTH, LocalDate.ofInstant(Instant.now().minus(Duration.ofHours(2)),
                java.time.ZoneId.of(JST)));
        ProductDashboard month = dashboards.product(cloud, added, ProductScope.all());
        assertThat(month.current().wonAmountYen()).isGreaterThanOrEqualTo(1_200_000);
        assertThat(month.current().answered()).isGreaterThanOrEqualTo(2);
        ReportTable company = dashboards.products(periods.get(0), ProductScope.all());
        assertThat(company.rows()).hasSize(jdbc.sql("select count(*) from product").query(Integer.class).single());
    }

    @Test
    void campaignAndEmailPanelsShowCostsOutcomesAndRates() {
        rollup.refreshNow();
        long cloud = DemoLeads.productId(jdbc, "CLOUD-ACC");
        Instant joined = jdbc.sql("select min(m.added_at) from campaign_member m join campaign c on c.id = m.campaign_id"
                + " where c.name = ?").param(SEMINAR_CAMPAIGN).query(java.sql.Timestamp.class).single().toInstant();
        // Everything was seeded within the last three hours: the month of the join unless a month began since.
        Period month = Period.containing(Period.Kind.MONTH, LocalDate.ofInstant(joined, java.time.ZoneId.of(JST)));
        ProductDashboard d = dashboards.product(cloud, month, ProductScope.all());
        ReportTable campaignsPanel = d.panel("campaigns").orElseThrow();
        checkCampaigns(campaignsPanel, cloud, month);
        List<Object> seminar = campaignsPanel.row(SEMINAR_CAMPAIGN);
        // Lead 0 became hot before joining: only leads 1-3 count; the cost of two months ago does not.
        assertThat(List.of(campaignsPanel.cell(seminar, "members_joined"), campaignsPanel.cell(seminar, "became_hot"),
                campaignsPanel.cell(seminar, "handed_off"), campaignsPanel.cell(seminar, "won"),
                campaignsPanel.cell(seminar, "won_amount_yen"), campaignsPanel.cell(seminar, "cost_yen")))
                .isEqualTo(List.of(4L, 3L, 2L, 1L, 840_000L, 350_000L));
        assertThat(campaignsPanel.cell(seminar, "cost_per_lead_yen")).isEqualTo(87_500L);
        assertThat(campaignsPanel.cell(seminar, "cost_per_hand_off_yen")).isEqualTo(175_000L);
        assertThat(campaignsPanel.cell(seminar, "roi_pct")).isEqualTo(240.0);
        List<Object> ad = campaignsPanel.row(AD_CAMPAIGN);
        assertThat(campaignsPanel.cell(ad, "won_amount_yen")).isEqualTo(2_840_000L);
        assertThat(campaignsPanel.cell(ad, "roi_pct")).isEqualTo(2366.7);
        // The tele-call campaign's cost is booked on the tele-appointment channel.
        ReportTable channels = d.panel("channels").orElseThrow();
        assertThat((Long) channels.cell(channels.row("channel.TELE_APPOINTMENT"), "cost_yen")).isGreaterThanOrEqualTo(120_000L);

        ReportTable bySend = d.panel("email_sends").orElseThrow();
        checkEmail(bySend, d.panel("email_types").orElseThrow(), cloud, month);
        List<Object> invitation = bySend.row("セミナーのご案内");
        assertThat(List.of(bySend.cell(invitation, "sent"), bySend.cell(invitation, "bounced"),
                bySend.cell(invitation, "opened"), bySend.cell(invitation, "clicked"),
                bySend.cell(invitation, "unsubscribed"))).isEqualTo(List.of(3L, 1L, 2L, 1L, 1L));
        assertThat(List.of(bySend.cell(invitation, "bounce_pct"), bySend.cell(invitation, "open_pct"),
                bySend.cell(invitation, "click_pct"))).isEqualTo(List.of(25.0, 66.7, 33.3));

        // A message removed with its lead takes its status and events out; folding the deltas changes no number.
        jdbc.sql("""
                delete from email_outbox o using email_send s, campaign c
                where s.id = o.send_id and c.id = s.campaign_id and c.name = ?
                  and exists (select 1 from email_event e where e.outbox_id = o.id and e.kind = 'UNSUBSCRIBE')""")
                .param(AD_CAMPAIGN).update();
        checkEmail(dashboards.product(cloud, month, ProductScope.all()).panel("email_sends").orElseThrow(),
                dashboards.product(cloud, month, ProductScope.all()).panel("email_types").orElseThrow(), cloud, month);
        tallies.compact();
        d = dashboards.product(cloud, month, ProductScope.all());
        checkEmail(d.panel("email_sends").orElseThrow(), d.panel("email_types").orElseThrow(), cloud, month);
        assertThat(jdbc.sql("""
                select count(*) from email_send_tally t join email_send s on s.id = t.send_id
                join campaign c on c.id = s.campaign_id where c.name in (?, ?)""")
                .params(SEMINAR_CAMPAIGN, AD_CAMPAIGN).query(Long.class).single()).isEqualTo(2);

        ReportTable company = dashboards.products(month, ProductScope.all());
        List<Object> cloudRow = company.rows().stream().filter(r -> r.get(0).equals(jdbc.sql(
                "select name from product where id = ?").param(cloud).query(String.class).single())).findFirst()
                .orElseThrow();
        assertThat((Long) company.cell(cloudRow, "cost_yen")).isGreaterThanOrEqualTo(470_000L);
    }

    @Test
    void aNewEventReachesTheDashboardWithTheNextRefresh() {
        rollup.refreshNow();
        long product = DemoLeads.productId(jdbc, "SFA-CLOUD");
        long lead = DemoLeads.leadIn(jdbc, "SFA-CLOUD", "NEW_LEAD", 0);
        Period month = Period.containing(Period.Kind.MONTH, LocalDate.now(java.time.ZoneId.of(JST)));
        long before = dashboards.product(product, month, ProductScope.all()).current().becameHot();
        activities.recordAll(List.of(new NewActivity(lead, product, ActivityType.BECAME_HOT, Instant.now(), null,
                Map.of("test", true))));
        assertThat(jdbc.sql("select count(*) from report_dirty_day").query(Long.class).single()).isPositive();
        rollup.refreshNow();
        assertThat(dashboards.product(product, month, ProductScope.all()).current().becameHot()).isEqualTo(before + 1);
    }

    private long checkTotals(ProductDashboard d, long product, Period period) {
        Object[] range = range(product, period);
        long newLeads = count("select count(*) from lead where product_id = ? and created_at >= ? and created_at < ?",
                range);
        Map<String, Long> byType = new HashMap<>();
        jdbc.sql(inPeriod("select type, count(*) from activity a where a.product_id = ? and %s group by type"))
                .params(range).query(rs -> {
                    byType.put(rs.getString(1), rs.getLong(2));
                });
        long amount = count(inPeriod("select coalesce(sum((detail ->> 'amountYen')::bigint), 0) from activity a"
                + " where a.product_id = ? and %s and type = 'WON' and (detail ->> 'amountYen') is not null"), range);
        long answered = count(inPeriod("""
                select count(*) from activity a join activity r on r.lead_id = a.lead_id and r.type = 'ROUTED'
                  and r.detail ->> 'handOff' = a.detail ->> 'handOff' and (r.detail ->> 'due') is not null
                where a.product_id = ? and %s and a.type in ('ACCEPTED', 'RETURNED')"""), range);
        long inSla = count(inPeriod("""
                select count(*) from activity a join activity r on r.lead_id = a.lead_id and r.type = 'ROUTED'
                  and r.detail ->> 'handOff' = a.detail ->> 'handOff' and (r.detail ->> 'due') is not null
                where a.product_id = ? and %s and a.type in ('ACCEPTED', 'RETURNED')
                  and a.occurred_at <= (r.detail ->> 'due')::timestamptz"""), range);
        var t = d.current();
        assertThat(List.of(t.newLeads(), t.becameHot(), t.handedOff(), t.accepted(), t.returned(), t.won(), t.lost(),
                t.wonAmountYen(), t.answered(), t.answeredInSla()))
                .as("totals of product %d in %s", product, period)
                .containsExactly(newLeads, byType.getOrDefault("BECAME_HOT", 0L), byType.getOrDefault("ROUTED", 0L),
                        byType.getOrDefault("ACCEPTED", 0L), byType.getOrDefault("RETURNED", 0L),
                        byType.getOrDefault("WON", 0L), byType.getOrDefault("LOST", 0L), amount, answered, inSla);
        ReportTable trend = d.panel("trend").orElseThrow();
        assertThat(trend.cell(trend.row("report.metric.new_leads"), "this_period")).isEqualTo(newLeads);
        assertThat(trend.cell(trend.row("report.metric.new_leads"), "last_period"))
                .isEqualTo(count("select count(*) from lead where product_id = ? and created_at >= ? and created_at < ?",
                        range(product, period.previous())));
        ReportTable quality = d.panel("quality").orElseThrow();
        long routed = byType.getOrDefault("ROUTED", 0L);
        assertThat(quality.cell(quality.row("report.metric.won_pct"), "value_pct"))
                .isEqualTo(routed == 0 ? null : Math.round(byType.getOrDefault("WON", 0L) * 1000.0 / routed) / 10.0);
        assertThat(quality.cell(quality.row("report.metric.sla_kept_pct"), "value_pct"))
                .isEqualTo(answered == 0 ? null : Math.round(inSla * 1000.0 / answered) / 10.0);
        ReportTable plan = d.panel("plan").orElseThrow();
        assertThat(plan.cell(plan.row("report.metric.new_leads"), "actual")).isEqualTo(newLeads);
        return newLeads + routed + byType.getOrDefault("STAGE_CHANGED", 0L);
    }

    /**
     * Campaign rows: the product's campaigns with members who joined, member events, costs in the period or dates
     * overlapping it; an event counts for a campaign when the lead had joined it by then.
     */
    private void checkCampaigns(ReportTable panel, long product, Period period) {
        Object[] range = range(product, period);
        java.sql.Date start = java.sql.Date.valueOf(period.start());
        java.sql.Date end = java.sql.Date.valueOf(period.end());
        List<List<Object>> expected = new ArrayList<>();
        jdbc.sql("""
                select c.name, c.channel,
                       (select count(*) from campaign_member m where m.campaign_id = c.id
                          and m.added_at >= ? and m.added_at < ?) as joined,
                       (select count(*) filter (where a.type = 'BECAME_HOT') || ',' || count(*) filter (where a.type = 'ROUTED')
                               || ',' || count(*) filter (where a.type = 'WON') || ','
                               || coalesce(sum((a.detail ->> 'amountYen')::bigint) filter (where a.type = 'WON'), 0)
                          from activity a where a.product_id = c.product_id and a.occurred_at >= ? and a.occurred_at < ?
                            and a.type in ('BECAME_HOT', 'ROUTED', 'WON')
                            and exists (select 1 from campaign_member m where m.campaign_id = c.id
                                        and m.lead_id = a.lead_id and m.added_at <= a.occurred_at)) as events,
                       (select count(*) || ',' || coalesce(sum(amount_yen), 0) from campaign_cost k
                          where k.campaign_id = c.id and k.spent_on >= ? and k.spent_on < ?) as costs,
                       c.starts_on, c.ends_on
                from campaign c where c.product_id = ? order by c.id""")
                .params(range[1], range[2], range[1], range[2], start, end, product)
                .query(rs -> {
                    String[] e = rs.getString(4).split(",");
                    String[] k = rs.getString(5).split(",");
                    long joined = rs.getLong(3);
                    long hot = Long.parseLong(e[0]);
                    long routed = Long.parseLong(e[1]);
                    long won = Long.parseLong(e[2]);
                    long amount = Long.parseLong(e[3]);
                    long cost = Long.parseLong(k[1]);
                    java.sql.Date starts = rs.getDate(6);
                    java.sql.Date ends = rs.getDate(7);
                    boolean running = starts != null && starts.before(end)
                            && !(ends == null ? starts : ends).before(start);
                    if (joined + hot + routed + won > 0 || Long.parseLong(k[0]) > 0 || running) {
                        expected.add(java.util.Arrays.asList(rs.getString(1), "campaign.channel." + rs.getString(2),
                                joined, hot, routed, won, amount, cost,
                                joined == 0 || cost == 0 ? null : Math.round((double) cost / joined),
                                routed == 0 || cost == 0 ? null : Math.round((double) cost / routed),
                                cost == 0 ? null : Math.round(amount * 1000.0 / cost) / 10.0));
                    }
                });
        List<List<Object>> shown = panel.rows().stream().map(r -> {
            List<Object> copy = new ArrayList<>(r);
            copy.set(1, ((ReportTable.Label) r.get(1)).key());
            return copy;
        }).toList();
        assertThat(shown).as("campaigns of %d in %s", product, period).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Each send issued in the period, and the same added up by e-mail type. */
    private void checkEmail(ReportTable bySend, ReportTable byType, long product, Period period) {
        Object[] range = range(product, period);
        List<List<Object>> expected = new ArrayList<>();
        Map<String, long[]> types = new java.util.TreeMap<>();
        jdbc.sql("""
                select s.subject, t.name_ja,
                       (select count(*) from email_outbox o where o.send_id = s.id and o.status = 'SENT'),
                       (select count(*) from email_outbox o where o.send_id = s.id and o.status = 'BOUNCED'),
                       (select count(distinct o.id) from email_outbox o join email_event e on e.outbox_id = o.id
                          where o.send_id = s.id and e.kind = 'OPEN'),
                       (select count(distinct o.id) from email_outbox o join email_event e on e.outbox_id = o.id
                          where o.send_id = s.id and e.kind = 'CLICK'),
                       (select count(distinct o.id) from email_outbox o join email_event e on e.outbox_id = o.id
                          where o.send_id = s.id and e.kind = 'UNSUBSCRIBE')
                from email_send s join email_type t on t.id = s.email_type_id
                where s.product_id = ? and s.created_at >= ? and s.created_at < ? order by s.created_at, s.id""")
                .params(range).query(rs -> {
                    long[] v = {1, rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)};
                    expected.add(java.util.Arrays.asList(rs.getString(1), rs.getString(2), v[1], v[2],
                            pct(v[2], v[1] + v[2]), v[3], pct(v[3], v[1]), v[4], pct(v[4], v[1]), v[5]));
                    long[] t = types.computeIfAbsent(rs.getString(2), k -> new long[6]);
                    for (int i = 0; i < 6; i++) {
                        t[i] += v[i];
                    }
                });
        List<String> counts = List.of("sent", "bounced", "bounce_pct", "opened", "open_pct", "clicked", "click_pct",
                "unsubscribed");
        List<List<Object>> shown = bySend.rows().stream().map(r -> {
            List<Object> row = new ArrayList<>(List.of(r.get(0), ((ReportTable.Name) bySend.cell(r, "email_type")).ja()));
            counts.forEach(c -> row.add(bySend.cell(r, c)));
            return row;
        }).toList();
        assertThat(shown).as("sends of %d in %s", product, period).isEqualTo(expected);
        Map<String, List<Object>> typesShown = new java.util.TreeMap<>();
        byType.rows().forEach(r -> {
            List<Object> row = new ArrayList<>(List.of(byType.cell(r, "sends")));
            counts.forEach(c -> row.add(byType.cell(r, c)));
            typesShown.put(((ReportTable.Name) r.get(0)).ja(), row);
        });
        Map<String, List<Object>> typesWanted = new java.util.TreeMap<>();
        types.forEach((name, v) -> typesWanted.put(name, java.util.Arrays.asList(v[0], v[1], v[2],
                pct(v[2], v[1] + v[2]), v[3], pct(v[3], v[1]), v[4], pct(v[4], v[1]), v[5])));
        assertThat(typesShown).as("e-mail types of %d in %s", product, period).isEqualTo(typesWanted);
    }

    /** The company page's cost per product: every cost entry of its campaigns spent in the period. */
    private void checkCompanyCosts(long product, List<Period> periods) {
        String name = jdbc.sql("select name from product where id = ?").param(product).query(String.class).single();
        for (Period period : periods) {
            ReportTable company = dashboards.products(period, ProductScope.all());
            List<Object> row = company.rows().stream().filter(r -> r.get(0).equals(name)).findFirst().orElseThrow();
            long cost = count("""
                    select coalesce(sum(k.amount_yen), 0) from campaign_cost k join campaign c on c.id = k.campaign_id
                    where c.product_id = ? and k.spent_on >= ? and k.spent_on < ?""", product,
                    java.sql.Date.valueOf(period.start()), java.sql.Date.valueOf(period.end()));
            long won = count(inPeriod("select coalesce(sum((detail ->> 'amountYen')::bigint), 0) from activity a"
                    + " where a.product_id = ? and %s and type = 'WON'"), range(product, period));
            assertThat(company.cell(row, "cost_yen")).as("cost of %s in %s", name, period).isEqualTo(cost);
            assertThat(company.cell(row, "roi_pct")).isEqualTo(cost == 0 ? null : Math.round(won * 1000.0 / cost) / 10.0);
        }
    }

    private static Double pct(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
    }

    private void checkFunnel(ReportTable funnel, long product, Period period) {
        Object[] range = range(product, period);
        Map<String, Long> now = new HashMap<>();
        jdbc.sql("select stage, count(*) from lead where product_id = ? group by stage").param(product)
                .query(rs -> {
                    now.put(rs.getString(1), rs.getLong(2));
                });
        Map<String, Long> entered = new HashMap<>();
        jdbc.sql(inPeriod("select detail ->> 'to', count(*) from activity a where a.product_id = ? and %s"
                        + " and type = 'STAGE_CHANGED' group by 1"))
                .params(range).query(rs -> {
                    entered.put(rs.getString(1), rs.getLong(2));
                });
        entered.merge("NEW_LEAD", count("select count(*) from lead where product_id = ? and created_at >= ?"
                + " and created_at < ?", range), Long::sum);
        // Stays: from the previous stage change of the lead (or its creation) to this change, in tenths of a day.
        Map<String, Double> medians = new HashMap<>();
        jdbc.sql("""
                select stage, percentile_disc(0.5) within group (order by tenths) from (
                    select s.detail ->> 'from' as stage, s.occurred_at,
                           greatest(0, round(extract(epoch from s.occurred_at
                               - coalesce(lag(s.occurred_at) over (partition by s.lead_id order by s.occurred_at, s.id),
                                          l.created_at)) / 8640))::int as tenths
                    from activity s join lead l on l.id = s.lead_id
                    where s.type = 'STAGE_CHANGED' and s.product_id = ?) x
                where occurred_at >= ? and occurred_at < ? and stage is not null group by stage""")
                .params(range).query(rs -> {
                    medians.put(rs.getString(1), rs.getInt(2) / 10.0);
                });
        for (Stage stage : Stage.values()) {
            List<Object> row = funnel.row("stage." + stage.name());
            assertThat(funnel.cell(row, "leads_now")).as("%s now", stage).isEqualTo(now.getOrDefault(stage.name(), 0L));
            assertThat(funnel.cell(row, "entered")).as("%s entered", stage)
                    .isEqualTo(entered.getOrDefault(stage.name(), 0L));
            assertThat(funnel.cell(row, "median_days")).as("%s median in %s", stage, period)
                    .isEqualTo(medians.get(stage.name()));
        }
        long untouched = entered.getOrDefault("WORKING_UNTOUCHED", 0L);
        long fresh = entered.getOrDefault("NEW_LEAD", 0L);
        assertThat(funnel.cell(funnel.row("stage.WORKING_UNTOUCHED"), "conversion_pct"))
                .isEqualTo(fresh == 0 ? null : Math.round(untouched * 1000.0 / fresh) / 10.0);
    }

    private void checkChannels(ReportTable channels, long product, Period period) {
        Object[] range = range(product, period);
        Map<String, long[]> expected = new HashMap<>();
        jdbc.sql("select source_channel, count(*) from lead where product_id = ? and created_at >= ? and created_at < ?"
                        + " group by 1")
                .params(range).query(rs -> {
                    expected.computeIfAbsent("channel." + rs.getString(1), k -> new long[6])[0] = rs.getLong(2);
                });
        jdbc.sql(inPeriod("""
                select l.source_channel, count(*) filter (where a.type = 'BECAME_HOT'),
                       count(*) filter (where a.type = 'ROUTED'), count(*) filter (where a.type = 'WON'),
                       coalesce(sum((a.detail ->> 'amountYen')::bigint) filter (where a.type = 'WON'), 0)
                from activity a join lead l on l.id = a.lead_id
                where a.product_id = ? and %s and a.type in ('BECAME_HOT', 'ROUTED', 'WON') group by 1"""))
                .params(range).query(rs -> {
                    long[] v = expected.computeIfAbsent("channel." + rs.getString(1), k -> new long[6]);
                    for (int i = 1; i < 5; i++) {
                        v[i] = rs.getLong(1 + i);
                    }
                });
        // Campaign costs go to the lead channel of the campaign's channel (tele-calls bring tele-appointments).
        jdbc.sql("""
                select case c.channel when 'TELE_CALL' then 'TELE_APPOINTMENT' else c.channel end, sum(k.amount_yen)
                from campaign_cost k join campaign c on c.id = k.campaign_id
                where c.product_id = ? and k.spent_on >= ? and k.spent_on < ? group by 1""")
                .params(product, java.sql.Date.valueOf(period.start()), java.sql.Date.valueOf(period.end()))
                .query(rs -> {
                    expected.computeIfAbsent("channel." + rs.getString(1), k -> new long[6])[5] = rs.getLong(2);
                });
        Map<String, List<Object>> shown = new HashMap<>();
        for (List<Object> row : channels.rows()) {
            shown.put(((ReportTable.Label) row.get(0)).key(), row.subList(1, row.size()));
        }
        Map<String, List<Object>> wanted = new HashMap<>();
        expected.forEach((k, v) -> wanted.put(k, java.util.Arrays.asList(v[0], v[1], v[2], v[3], v[4], v[5],
                v[0] == 0 || v[5] == 0 ? null : Math.round((double) v[5] / v[0]),
                v[2] == 0 || v[5] == 0 ? null : Math.round((double) v[5] / v[2]),
                v[5] == 0 ? null : Math.round(v[4] * 1000.0 / v[5]) / 10.0)));
        assertThat(shown).as("channels of %d in %s", product, period).isEqualTo(wanted);
    }

    private void checkReasons(ReportTable reasons, long product, Period period) {
        List<List<Object>> expected = jdbc.sql(inPeriod("""
                select coalesce(nullif(btrim(detail ->> 'reason'), ''), '-'), count(*) from activity a
                where a.product_id = ? and %s and type = 'RETURNED' group by 1 order by 2 desc, 1 limit 5"""))
                .params(range(product, period))
                .query((rs, n) -> List.<Object>of(rs.getString(1), rs.getLong(2))).list();
        List<List<Object>> shown = reasons.rows().stream().map(r -> List.<Object>of(
                r.get(0) instanceof ReportTable.Label ? "-" : r.get(0), r.get(1))).toList();
        assertThat(shown).isEqualTo(expected);
    }

    private void checkScores(ReportTable scores, long product) {
        long total = 0;
        long hot = 0;
        for (List<Object> row : scores.rows()) {
            String band = (String) row.get(0);
            int low = Integer.parseInt(band.replace("+", "").split("-")[0]);
            String condition = low == 100 ? "score >= 100" : "greatest(score, 0) between " + low + " and " + (low + 9);
            assertThat(row.get(1)).as("band %s", band).isEqualTo(count(
                    "select count(*) from lead where product_id = ? and " + condition, product));
            total += (Long) row.get(1);
            hot += (Long) row.get(2);
        }
        assertThat(total).isEqualTo(count("select count(*) from lead where product_id = ?", product));
        assertThat(hot).isEqualTo(count("select count(*) from lead where product_id = ? and hot", product));
    }

    private void checkSeries(ReportTable series, long product, Period period) {
        assertThat(series.rows()).hasSize(12);
        for (int i = 0; i < 12; i++) {
            Period p = period.minus(11 - i);
            List<Object> row = series.rows().get(i);
            assertThat(row.get(0)).isEqualTo(p.label());
            assertThat(series.cell(row, "new_leads")).isEqualTo(count(
                    "select count(*) from lead where product_id = ? and created_at >= ? and created_at < ?",
                    range(product, p)));
            assertThat(series.cell(row, "returned")).isEqualTo(count(inPeriod(
                    "select count(*) from activity a where a.product_id = ? and %s and type = 'RETURNED'"),
                    range(product, p)));
        }
    }

    private void checkHotWeeks(ReportTable weeks, long product) {
        for (List<Object> row : weeks.rows()) {
            Period week = new Period(Period.Kind.WEEK, LocalDate.parse((String) row.get(0)));
            assertThat(row.get(1)).isEqualTo(count(inPeriod(
                    "select count(*) from activity a where a.product_id = ? and %s and type = 'BECAME_HOT'"),
                    range(product, week)));
        }
    }

    private static String inPeriod(String sql) {
        return sql.formatted("a.occurred_at >= ? and a.occurred_at < ?");
    }

    /** Product, and the period's bounds as instants at Japanese midnight. */
    private static Object[] range(long product, Period period) {
        return new Object[] {product, java.sql.Timestamp.from(period.start().atStartOfDay(java.time.ZoneId.of(JST))
                .toInstant()), java.sql.Timestamp.from(period.end().atStartOfDay(java.time.ZoneId.of(JST)).toInstant())};
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

}
