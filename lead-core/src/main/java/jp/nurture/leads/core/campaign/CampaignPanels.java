package jp.nurture.leads.core.campaign;

import static jp.nurture.leads.core.report.ReportTable.label;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.report.DashboardPanels;
import jp.nurture.leads.core.report.MarketingCosts;
import jp.nurture.leads.core.report.Period;
import jp.nurture.leads.core.report.ReportTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The dashboard's campaign and e-mail panels, and campaign costs for the channels panel and the company page.
 *
 * <p>Attribution: a lead counts for a campaign when it is a member of it (from a segment, a list, an import or a
 * nurture step; attendance is recorded on members too, so every activity that names a campaign is a member's).
 * The campaign gets the members who joined in the period, and the hot, hand-off and won events of the period of
 * leads that were members by the time the event happened — full credit to every such campaign, so campaigns of one
 * product may add up to more than the product's total. Won amounts are the {@code amountYen} of {@code WON}
 * activities; costs are the campaign's cost entries spent in the period.
 *
 * <p>Every read is an index range of one product's period: costs and members by campaign and day, the period's
 * hot, hand-off and won activities by product, type and time, and the period's sends with their tallies (kept by
 * triggers on the outbox and the events, see {@link EmailSendTallies}), never the messages themselves.
 */
@Component
class CampaignPanels implements DashboardPanels, MarketingCosts {

    private static final String WON_AMOUNT = """
            case when a.type = 'WON' and jsonb_typeof(a.detail -> 'amountYen') = 'number'
                 then (a.detail ->> 'amountYen')::numeric::bigint else 0 end""";

    private final JdbcClient jdbc;

    CampaignPanels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public List<ReportTable> panels(long productId, Period period) {
        List<SendRow> sends = sends(productId, period);
        return List.of(campaigns(productId, period), emailTypes(sends), emailSends(sends));
    }

    @Override
    public Map<Channel, Long> byChannel(long productId, Period period) {
        Map<Channel, Long> costs = new EnumMap<>(Channel.class);
        jdbc.sql("""
                select c.channel, sum(k.amount_yen) from campaign c join campaign_cost k on k.campaign_id = c.id
                where c.product_id = ? and k.spent_on >= ? and k.spent_on < ? group by c.channel""")
                .params(productId, Date.valueOf(period.start()), Date.valueOf(period.end()))
                .query(rs -> {
                    costs.merge(CampaignChannel.valueOf(rs.getString(1)).leadChannel(), rs.getLong(2), Long::sum);
                });
        return costs;
    }

    @Override
    public Map<Long, Long> byProduct(Long[] productIds, Period period) {
        Map<Long, Long> costs = new HashMap<>();
        jdbc.sql("""
                select c.product_id, sum(k.amount_yen) from campaign c join campaign_cost k on k.campaign_id = c.id
                where c.product_id = any(?) and k.spent_on >= ? and k.spent_on < ? group by c.product_id""")
                .params(productIds, Date.valueOf(period.start()), Date.valueOf(period.end()))
                .query(rs -> {
                    costs.put(rs.getLong(1), rs.getLong(2));
                });
        return costs;
    }

    /**
     * Per campaign of the product with something in the period (or running in it): members who joined, events of
     * members, won amount, cost, cost per lead, cost per hand-off and ROI (won amount / cost).
     */
    private ReportTable campaigns(long productId, Period period) {
        Timestamp from = Timestamp.from(period.from());
        Timestamp until = Timestamp.from(period.until());
        Date start = Date.valueOf(period.start());
        Date end = Date.valueOf(period.end());
        List<List<Object>> rows = jdbc.sql("""
                with c as (select id, name, channel, starts_on, ends_on from campaign where product_id = ?),
                joined as (
                    select m.campaign_id, count(*) as n from c join campaign_member m on m.campaign_id = c.id
                    where m.added_at >= ? and m.added_at < ? group by 1),
                events as (
                    select m.campaign_id, count(*) filter (where a.type = 'BECAME_HOT') as hot,
                           count(*) filter (where a.type = 'ROUTED') as routed,
                           count(*) filter (where a.type = 'WON') as won, sum(%s) as amount
                    from activity a
                    join campaign_member m on m.lead_id = a.lead_id and m.added_at <= a.occurred_at
                    join c on c.id = m.campaign_id
                    where a.product_id = ? and a.type in ('BECAME_HOT', 'ROUTED', 'WON')
                      and a.occurred_at >= ? and a.occurred_at < ?
                    group by 1),
                costs as (
                    select k.campaign_id, sum(k.amount_yen) as yen from c join campaign_cost k on k.campaign_id = c.id
                    where k.spent_on >= ? and k.spent_on < ? group by 1)
                select c.name, c.channel, coalesce(j.n, 0), coalesce(e.hot, 0), coalesce(e.routed, 0),
                       coalesce(e.won, 0), coalesce(e.amount, 0), coalesce(k.yen, 0)
                from c left join joined j on j.campaign_id = c.id left join events e on e.campaign_id = c.id
                left join costs k on k.campaign_id = c.id
                where j.n is not null or e.campaign_id is not null or k.yen is not null
                   or (c.starts_on < ? and coalesce(c.ends_on, c.starts_on) >= ?)
                order by coalesce(e.amount, 0) desc, coalesce(k.yen, 0) desc, c.name, c.id""".formatted(WON_AMOUNT))
                .params(productId, from, until, productId, from, until, start, end, end, start)
                .query((rs, n) -> {
                    long leads = rs.getLong(3);
                    long handedOff = rs.getLong(5);
                    long amount = rs.getLong(7);
                    long cost = rs.getLong(8);
                    return row(rs.getString(1), label("campaign.channel." + rs.getString(2)), leads, rs.getLong(4),
                            handedOff, rs.getLong(6), amount, cost, MarketingCosts.perUnit(cost, leads),
                            MarketingCosts.perUnit(cost, handedOff), MarketingCosts.roiPercent(amount, cost));
                })
                .list();
        return new ReportTable("campaigns", "bar", List.of("campaign", "campaign_channel", "members_joined",
                "became_hot", "handed_off", "won", "won_amount_yen", "cost_yen", "cost_per_lead_yen",
                "cost_per_hand_off_yen", "roi_pct"), List.of("members_joined", "became_hot", "handed_off", "won"),
                rows);
    }

    /** What became of one send issued in the period: messages sent and bounced, unique opens, clicks, unsubscribes. */
    private record SendRow(long id, String subject, String sentOn, long typeId, String typeJa, String typeEn,
            String source, long sent, long bounced, long opened, long clicked, long unsubscribed) {
    }

    private List<SendRow> sends(long productId, Period period) {
        ZoneId japan = ZoneId.of("Asia/Tokyo");
        return jdbc.sql("""
                select s.id, s.subject, s.created_at, t.id, t.name_ja, t.name_en, coalesce(c.name, p.name, ''),
                       o.sent, o.bounced, o.opened, o.clicked, o.unsubscribed
                from email_send s join email_type t on t.id = s.email_type_id
                left join campaign c on c.id = s.campaign_id
                left join nurture_program p on p.id = s.program_id
                cross join lateral (
                    select coalesce(sum(t.sent), 0) as sent, coalesce(sum(t.bounced), 0) as bounced,
                           coalesce(sum(t.opened), 0) as opened, coalesce(sum(t.clicked), 0) as clicked,
                           coalesce(sum(t.unsubscribed), 0) as unsubscribed
                    from email_send_tally t where t.send_id = s.id) o
                where s.product_id = ? and s.created_at >= ? and s.created_at < ?
                order by s.created_at, s.id""")
                .params(productId, Timestamp.from(period.from()), Timestamp.from(period.until()))
                .query((rs, n) -> new SendRow(rs.getLong(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant().atZone(japan).toLocalDate().toString(), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9),
                        rs.getLong(10), rs.getLong(11), rs.getLong(12)))
                .list();
    }

    private static final List<String> EMAIL_COLUMNS = List.of("sent", "bounced", "bounce_pct", "opened", "open_pct",
            "clicked", "click_pct", "unsubscribed");
    private static final List<String> EMAIL_SERIES = List.of("open_pct", "click_pct", "bounce_pct");

    /** The period's sends added up by e-mail type, the unit people opt out of. */
    private ReportTable emailTypes(List<SendRow> sends) {
        Map<Long, long[]> totals = new LinkedHashMap<>();
        Map<Long, ReportTable.Name> names = new HashMap<>();
        sends.stream().sorted(java.util.Comparator.comparingLong(SendRow::typeId)).forEach(s -> {
            names.putIfAbsent(s.typeId(), new ReportTable.Name(s.typeJa(), s.typeEn()));
            long[] v = totals.computeIfAbsent(s.typeId(), k -> new long[6]);
            v[0]++;
            v[1] += s.sent();
            v[2] += s.bounced();
            v[3] += s.opened();
            v[4] += s.clicked();
            v[5] += s.unsubscribed();
        });
        List<List<Object>> rows = new ArrayList<>();
        totals.forEach((type, v) -> {
            List<Object> row = new ArrayList<>(List.of(names.get(type), v[0]));
            row.addAll(results(v[1], v[2], v[3], v[4], v[5]));
            rows.add(row);
        });
        List<String> columns = new ArrayList<>(List.of("email_type", "sends"));
        columns.addAll(EMAIL_COLUMNS);
        return new ReportTable("email_types", "bar", columns, EMAIL_SERIES, rows);
    }

    /** Each send issued in the period. */
    private ReportTable emailSends(List<SendRow> sends) {
        List<List<Object>> rows = new ArrayList<>();
        for (SendRow s : sends) {
            List<Object> row = new ArrayList<>(Arrays.asList(s.subject(), s.sentOn(),
                    new ReportTable.Name(s.typeJa(), s.typeEn()), s.source()));
            row.addAll(results(s.sent(), s.bounced(), s.opened(), s.clicked(), s.unsubscribed()));
            rows.add(row);
        }
        List<String> columns = new ArrayList<>(List.of("subject", "issued_on", "email_type", "source"));
        columns.addAll(EMAIL_COLUMNS);
        return new ReportTable("email_sends", "bar", columns, EMAIL_SERIES, rows);
    }

    /**
     * Counts and rates in {@link #EMAIL_COLUMNS} order: bounces per message handed to the mail server (sent or
     * bounced); unique opens and clicks per message sent.
     */
    private static List<Object> results(long sent, long bounced, long opened, long clicked, long unsubscribed) {
        return Arrays.asList(sent, bounced, percent(bounced, sent + bounced), opened, percent(opened, sent), clicked,
                percent(clicked, sent), unsubscribed);
    }

    private static Double percent(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
    }

    private static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }
}
