package jp.nurture.leads.core.report;

import static jp.nurture.leads.core.report.ReportTable.label;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.lead.Stage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The built-in panels, read from the rollups only (a few thousand rows per product and year, whatever the size
 * of the timeline): plan vs actual, funnel, trend, channels, hand-off quality, return reasons, scores.
 */
@Component
class TimelinePanels implements DashboardPanels {

    static final int SERIES = 12;
    private static final String TOTALS = """
            coalesce(sum(new_leads), 0), coalesce(sum(became_hot), 0), coalesce(sum(handed_off), 0),
            coalesce(sum(accepted), 0), coalesce(sum(returned), 0), coalesce(sum(won), 0),
            coalesce(sum(won_amount_yen), 0), coalesce(sum(lost), 0), coalesce(sum(answered), 0),
            coalesce(sum(answered_in_sla), 0)""";
    private static final List<Stage> FLOW = List.of(Stage.NEW_LEAD, Stage.WORKING_UNTOUCHED, Stage.WORKING_CONNECTED,
            Stage.CONVERTED, Stage.DORMANT, Stage.DISQUALIFIED);

    private final JdbcClient jdbc;
    private final NurturePlans plans;
    private final List<MarketingCosts> costs;

    TimelinePanels(JdbcClient jdbc, NurturePlans plans, List<MarketingCosts> costs) {
        this.jdbc = jdbc;
        this.plans = plans;
        this.costs = costs;
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public List<ReportTable> panels(long productId, Period period) {
        PeriodTotals now = totals(productId, period);
        PeriodTotals before = totals(productId, period.previous());
        NurturePlan plan = plans.find(productId);
        return List.of(planVsActual(plan, now, period), funnel(productId, period, now), trend(now, before),
                trendSeries(productId, period), channels(productId, period), quality(now, plan),
                returnReasons(productId, period), scores(productId), hotWeekly(productId, period));
    }

    PeriodTotals totals(long productId, Period period) {
        return jdbc.sql("select " + TOTALS + " from report_daily where product_id = ? and day >= ? and day < ?")
                .params(productId, Date.valueOf(period.start()), Date.valueOf(period.end()))
                .query((rs, n) -> totals(rs, 1)).single();
    }

    /** Yen spent in the period per product, from every source of costs. */
    Map<Long, Long> costsByProduct(Long[] productIds, Period period) {
        Map<Long, Long> total = new HashMap<>();
        costs.forEach(source -> source.byProduct(productIds, period).forEach((p, yen) -> total.merge(p, yen, Long::sum)));
        return total;
    }

    /** Totals per product in the period, for the company-wide comparison. */
    Map<Long, PeriodTotals> totalsByProduct(Long[] productIds, Period period) {
        Map<Long, PeriodTotals> map = new HashMap<>();
        jdbc.sql("select product_id, " + TOTALS + " from report_daily where product_id = any(?) and day >= ?"
                        + " and day < ? group by product_id")
                .params(productIds, Date.valueOf(period.start()), Date.valueOf(period.end()))
                .query(rs -> {
                    map.put(rs.getLong(1), totals(rs, 2));
                });
        return map;
    }

    private static PeriodTotals totals(java.sql.ResultSet rs, int from) throws java.sql.SQLException {
        long[] v = new long[10];
        for (int i = 0; i < 10; i++) {
            v[i] = rs.getLong(from + i);
        }
        return new PeriodTotals(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }

    private ReportTable planVsActual(NurturePlan plan, PeriodTotals now, Period period) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row(label("report.metric.new_leads"), scaled(plan.kpiNewLeads(), period), now.newLeads()));
        rows.add(row(label("report.metric.handed_off"), scaled(plan.kpiHandOffs(), period), now.handedOff()));
        rows.add(row(label("report.metric.won_pct"), (double) plan.targetWinRate(), now.wonPercent()));
        return new ReportTable("plan", "bar", List.of("kpi", "target", "actual"), List.of("target", "actual"), rows);
    }

    /** A monthly target for the period: as is for a month, by days for a week. */
    static Long scaled(Integer monthly, Period period) {
        if (monthly == null) {
            return null;
        }
        return period.kind() == Period.Kind.MONTH ? monthly.longValue() : Math.round(monthly * 12.0 * 7 / 365);
    }

    private ReportTable funnel(long productId, Period period, PeriodTotals now) {
        Map<String, Long> leadsNow = new HashMap<>();
        jdbc.sql("select stage, sum(leads) from report_lead_snapshot where product_id = ? group by stage")
                .param(productId).query(rs -> {
                    leadsNow.put(rs.getString(1), rs.getLong(2));
                });
        Map<String, Long> entered = new HashMap<>();
        jdbc.sql("select stage, sum(entered) from report_stage_entry where product_id = ? and day >= ? and day < ?"
                        + " group by stage")
                .params(productId, Date.valueOf(period.start()), Date.valueOf(period.end()))
                .query(rs -> {
                    entered.put(rs.getString(1), rs.getLong(2));
                });
        entered.merge(Stage.NEW_LEAD.name(), now.newLeads(), Long::sum);
        Map<String, Double> medians = medianDays(productId, period);
        List<List<Object>> rows = new ArrayList<>();
        for (Stage stage : FLOW) {
            Double conversion = null;
            if (stage.step() > 1) {
                Stage before = FLOW.get(stage.step() - 2);
                conversion = PeriodTotals.percent(entered.getOrDefault(stage.name(), 0L),
                        entered.getOrDefault(before.name(), 0L));
            }
            rows.add(row(label("stage." + stage.name()), leadsNow.getOrDefault(stage.name(), 0L),
                    entered.getOrDefault(stage.name(), 0L), conversion, medians.get(stage.name())));
        }
        return new ReportTable("funnel", "bar", List.of("stage", "leads_now", "entered", "conversion_pct",
                "median_days"), List.of("leads_now", "entered"), rows);
    }

    /** The median of the stays that ended in the period, per stage, from the histogram in tenths of a day. */
    Map<String, Double> medianDays(long productId, Period period) {
        Map<String, List<long[]>> histogram = new LinkedHashMap<>();
        jdbc.sql("""
                select stage, tenths, sum(stays) from report_stage_stay
                where product_id = ? and day >= ? and day < ? group by stage, tenths order by stage, tenths""")
                .params(productId, Date.valueOf(period.start()), Date.valueOf(period.end()))
                .query(rs -> {
                    histogram.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new long[] {rs.getLong(2), rs.getLong(3)});
                });
        Map<String, Double> medians = new HashMap<>();
        histogram.forEach((stage, buckets) -> {
            long total = buckets.stream().mapToLong(b -> b[1]).sum();
            long seen = 0;
            for (long[] b : buckets) {
                seen += b[1];
                // The lower median (percentile_disc 0.5): the first value at which half the stays are counted.
                if (seen * 2 >= total) {
                    medians.put(stage, b[0] / 10.0);
                    break;
                }
            }
        });
        return medians;
    }

    private ReportTable trend(PeriodTotals now, PeriodTotals before) {
        List<List<Object>> rows = new ArrayList<>();
        long[][] pairs = {{now.newLeads(), before.newLeads()}, {now.becameHot(), before.becameHot()},
            {now.handedOff(), before.handedOff()}, {now.accepted(), before.accepted()},
            {now.returned(), before.returned()}, {now.won(), before.won()}};
        String[] metrics = {"new_leads", "became_hot", "handed_off", "accepted", "returned", "won"};
        for (int i = 0; i < metrics.length; i++) {
            long a = pairs[i][0];
            long b = pairs[i][1];
            rows.add(row(label("report.metric." + metrics[i]), a, b,
                    b == 0 ? null : Math.round((a - b) * 1000.0 / b) / 10.0));
        }
        return new ReportTable("trend", "bar", List.of("metric", "this_period", "last_period", "change_pct"),
                List.of("this_period", "last_period"), rows);
    }

    private ReportTable trendSeries(long productId, Period period) {
        Period first = period.minus(SERIES - 1);
        Map<LocalDate, long[]> byPeriod = new LinkedHashMap<>();
        for (int i = SERIES - 1; i >= 0; i--) {
            byPeriod.put(period.minus(i).start(), new long[6]);
        }
        String unit = period.kind() == Period.Kind.WEEK ? "week" : "month";
        jdbc.sql("""
                select date_trunc('%s', day)::date, sum(new_leads), sum(became_hot), sum(handed_off), sum(accepted),
                       sum(returned), sum(won)
                from report_daily where product_id = ? and day >= ? and day < ? group by 1""".formatted(unit))
                .params(productId, Date.valueOf(first.start()), Date.valueOf(period.end()))
                .query(rs -> {
                    long[] v = byPeriod.get(rs.getDate(1).toLocalDate());
                    if (v != null) {
                        for (int i = 0; i < 6; i++) {
                            v[i] = rs.getLong(2 + i);
                        }
                    }
                });
        List<List<Object>> rows = new ArrayList<>();
        byPeriod.forEach((start, v) -> {
            List<Object> r = new ArrayList<>();
            r.add(new Period(period.kind(), start).label());
            Arrays.stream(v).forEach(r::add);
            rows.add(r);
        });
        List<String> series = List.of("new_leads", "became_hot", "handed_off", "accepted", "returned", "won");
        List<String> columns = new ArrayList<>(List.of("period"));
        columns.addAll(series);
        return new ReportTable("trend_series", "line", columns, series, rows);
    }

    /**
     * Per lead channel: new leads, became hot, hand-offs, won deals and won amount from the rollup, and what was
     * spent on the channel in the period (campaign costs by the campaign's channel), with cost per lead, cost per
     * hand-off and ROI (won amount / cost). A channel with costs but no leads in the period still gets its row.
     */
    private ReportTable channels(long productId, Period period) {
        Map<String, long[]> byChannel = new LinkedHashMap<>();
        jdbc.sql("""
                select channel, sum(new_leads), sum(became_hot), sum(handed_off), sum(won), sum(won_amount_yen)
                from report_daily where product_id = ? and day >= ? and day < ?
                group by channel order by sum(new_leads) desc, channel""")
                .params(productId, Date.valueOf(period.start()), Date.valueOf(period.end()))
                .query(rs -> {
                    byChannel.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), 0});
                });
        Map<Channel, Long> spent = new java.util.TreeMap<>();
        costs.forEach(source -> source.byChannel(productId, period).forEach((c, yen) -> spent.merge(c, yen, Long::sum)));
        spent.forEach((channel, yen) -> byChannel.computeIfAbsent(channel.name(), k -> new long[6])[5] += yen);
        List<List<Object>> rows = new ArrayList<>();
        byChannel.forEach((channel, v) -> rows.add(row(label("channel." + channel), v[0], v[1], v[2], v[3], v[4],
                v[5], MarketingCosts.perUnit(v[5], v[0]), MarketingCosts.perUnit(v[5], v[2]),
                MarketingCosts.roiPercent(v[4], v[5]))));
        return new ReportTable("channels", "bar", List.of("channel", "new_leads", "became_hot", "handed_off", "won",
                "won_amount_yen", "cost_yen", "cost_per_lead_yen", "cost_per_hand_off_yen", "roi_pct"),
                List.of("new_leads", "became_hot", "handed_off", "won"), rows);
    }

    private ReportTable quality(PeriodTotals now, NurturePlan plan) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row(label("report.metric.accepted_pct"), now.acceptedPercent(), now.accepted(), now.handedOff(), null));
        rows.add(row(label("report.metric.returned_pct"), now.returnedPercent(), now.returned(), now.handedOff(), null));
        rows.add(row(label("report.metric.won_pct"), now.wonPercent(), now.won(), now.handedOff(),
                (double) plan.targetWinRate()));
        rows.add(row(label("report.metric.sla_kept_pct"), now.slaKeptPercent(), now.answeredInSla(), now.answered(),
                null));
        return new ReportTable("quality", "bar", List.of("measure", "value_pct", "count", "out_of", "target_pct"),
                List.of("value_pct", "target_pct"), rows);
    }

    private ReportTable returnReasons(long productId, Period period) {
        List<List<Object>> rows = jdbc.sql("""
                select reason, sum(returned) from report_return_reason
                where product_id = ? and day >= ? and day < ?
                group by reason order by sum(returned) desc, reason limit 5""")
                .params(productId, Date.valueOf(period.start()), Date.valueOf(period.end()))
                .query((rs, n) -> row(rs.getString(1).equals("-") ? label("report.reason.none")
                        : (Object) rs.getString(1), rs.getLong(2)))
                .list();
        return new ReportTable("return_reasons", null, List.of("reason", "returned"), List.of(), rows);
    }

    private ReportTable scores(long productId) {
        Map<Integer, long[]> bands = new LinkedHashMap<>();
        for (int band = 0; band <= 100; band += 10) {
            bands.put(band, new long[2]);
        }
        jdbc.sql("select score_band, sum(leads), sum(leads) filter (where hot) from report_lead_snapshot"
                        + " where product_id = ? group by score_band")
                .param(productId).query(rs -> {
                    long[] v = bands.get(rs.getInt(1));
                    if (v != null) {
                        v[0] = rs.getLong(2);
                        v[1] = rs.getLong(3);
                    }
                });
        List<List<Object>> rows = new ArrayList<>();
        bands.forEach((band, v) -> rows.add(row(band == 100 ? "100+" : band + "-" + (band + 9), v[0], v[1])));
        return new ReportTable("scores", "bar", List.of("score_band", "leads", "hot"), List.of("leads", "hot"), rows);
    }

    private ReportTable hotWeekly(long productId, Period period) {
        Period last = Period.containing(Period.Kind.WEEK, period.end().minusDays(1));
        Map<LocalDate, Long> weeks = new LinkedHashMap<>();
        for (int i = SERIES - 1; i >= 0; i--) {
            weeks.put(last.minus(i).start(), 0L);
        }
        jdbc.sql("""
                select date_trunc('week', day)::date, sum(became_hot) from report_daily
                where product_id = ? and day >= ? and day < ? group by 1""")
                .params(productId, Date.valueOf(last.minus(SERIES - 1).start()), Date.valueOf(last.end()))
                .query(rs -> {
                    LocalDate week = rs.getDate(1).toLocalDate();
                    if (weeks.containsKey(week)) {
                        weeks.put(week, rs.getLong(2));
                    }
                });
        List<List<Object>> rows = new ArrayList<>();
        weeks.forEach((week, n) -> rows.add(row(week.toString(), n)));
        return new ReportTable("hot_weekly", "line", List.of("week", "became_hot"), List.of("became_hot"), rows);
    }

    private static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }
}
