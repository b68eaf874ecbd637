package jp.nurture.leads.core.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the dashboards' rollups current. Triggers on {@code activity} and {@code lead} append the (product, day)
 * pairs a write touched to {@code report_dirty_day}; a refresh claims those rows and recomputes exactly those days
 * from the timeline, set-based. Only one refresh runs at a time across all app instances (a transaction-scoped
 * advisory lock): two refreshers with different snapshots could otherwise leave an older count last. A claimed row
 * is visible only once the transaction that wrote its activity committed, and the day is recomputed after the
 * claim, so nothing written is missed; a day written again during a refresh is dirty again and recomputed next time.
 *
 * <p>Lead counts by stage, score band and hot flag are a snapshot of the lead table, retaken every few minutes
 * ({@code leads.report.snapshot-every}); the dashboard says when it was taken.
 */
@Component
public class ReportRollup {

    private static final Logger log = LoggerFactory.getLogger(ReportRollup.class);
    private static final long LOCK = 0x5245504f5254L; // "REPORT"
    private static final int BATCH = 2_000;
    private static final String DAY_START = "(d.day::timestamp at time zone 'Asia/Tokyo')";
    private static final String DAY_END = "((d.day + 1)::timestamp at time zone 'Asia/Tokyo')";
    private static final String IN_DAY = " >= " + DAY_START + " and %s < " + DAY_END;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    ReportRollup(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Scheduled(initialDelayString = "${leads.report.refresh-delay:PT20S}",
            fixedDelayString = "${leads.report.refresh-every:PT30S}")
    void scheduledRefresh() {
        int days = 0;
        int batch;
        do {
            batch = refreshBatch(false);
            days += batch;
        } while (batch == BATCH);
        if (days > 0) {
            log.debug("Report rollup: {} product-days recomputed", days);
        }
    }

    @Scheduled(initialDelayString = "${leads.report.refresh-delay:PT20S}",
            fixedDelayString = "${leads.report.snapshot-every:PT5M}")
    void scheduledSnapshot() {
        tx.executeWithoutResult(s -> {
            if (Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK + 1)
                    .query(Boolean.class).single())) {
                snapshot();
            }
        });
    }

    /**
     * Brings every rollup up to date now, waiting for a refresh another instance is running; returns the number of
     * product-days recomputed. For tests, the bench and after bulk loads.
     */
    public int refreshNow() {
        int days = 0;
        int batch;
        do {
            batch = refreshBatch(true);
            days += batch;
        } while (batch > 0);
        tx.executeWithoutResult(s -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK + 1).query(Object.class).single();
            snapshot();
        });
        return days;
    }

    /** Marks every day with data dirty and recomputes everything: after a load that bypassed the triggers. */
    public int rebuild() {
        jdbc.sql("""
                insert into report_dirty_day (product_id, day)
                select distinct product_id, (occurred_at at time zone 'Asia/Tokyo')::date from activity
                where type in ('STAGE_CHANGED', 'BECAME_HOT', 'ROUTED', 'ACCEPTED', 'RETURNED', 'WON', 'LOST')
                union
                select distinct product_id, (created_at at time zone 'Asia/Tokyo')::date from lead""").update();
        return refreshNow();
    }

    private int refreshBatch(boolean wait) {
        Integer done = tx.execute(s -> {
            if (wait) {
                jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query(Object.class).single();
            } else if (!Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK)
                    .query(Boolean.class).single())) {
                return 0;
            }
            jdbc.sql("""
                    create temp table if not exists report_days (product_id bigint, day date,
                        primary key (product_id, day)) on commit delete rows""").update();
            int claimed = jdbc.sql("""
                    with claimed as (
                        delete from report_dirty_day where id in (select id from report_dirty_day order by id limit ?)
                        returning product_id, day)
                    insert into report_days select distinct product_id, day from claimed
                    on conflict do nothing""").param(BATCH).update();
            // The loop's end is decided by rows claimed, not distinct days, so a batch of repeats continues it.
            int rows = jdbc.sql("select count(*) from report_days").query(Integer.class).single();
            if (rows == 0) {
                return claimed;
            }
            jdbc.sql("analyze report_days").update();
            recompute();
            return Math.max(claimed, rows);
        });
        return done == null ? 0 : done;
    }

    private void recompute() {
        for (String table : new String[] {"report_daily", "report_stage_entry", "report_stage_stay",
            "report_return_reason"}) {
            jdbc.sql("delete from " + table + " r using report_days d where r.product_id = d.product_id and r.day = d.day")
                    .update();
        }
        jdbc.sql("""
                insert into report_daily (product_id, day, channel, new_leads, became_hot, handed_off, accepted,
                                          returned, won, won_amount_yen, lost, answered, answered_in_sla)
                select product_id, day, channel, sum(new_leads), sum(hot), sum(routed), sum(accepted), sum(returned),
                       sum(won), sum(amount), sum(lost), sum(answered), sum(in_sla)
                from (
                    select d.product_id, d.day, l.source_channel as channel, 1 as new_leads, 0 as hot, 0 as routed,
                           0 as accepted, 0 as returned, 0 as won, 0::bigint as amount, 0 as lost, 0 as answered,
                           0 as in_sla
                    from report_days d
                    join lead l on l.product_id = d.product_id and l.created_at %s
                    union all
                    select d.product_id, d.day, l.source_channel, 0, (a.type = 'BECAME_HOT')::int,
                           (a.type = 'ROUTED')::int, (a.type = 'ACCEPTED')::int, (a.type = 'RETURNED')::int,
                           (a.type = 'WON')::int,
                           case when a.type = 'WON' and jsonb_typeof(a.detail -> 'amountYen') = 'number'
                                then (a.detail ->> 'amountYen')::numeric::bigint else 0 end,
                           (a.type = 'LOST')::int,
                           (r.due is not null)::int, coalesce(a.occurred_at <= r.due, false)::int
                    from report_days d
                    join activity a on a.product_id = d.product_id
                         and a.type in ('BECAME_HOT', 'ROUTED', 'ACCEPTED', 'RETURNED', 'WON', 'LOST')
                         and a.occurred_at %s
                    join lead l on l.id = a.lead_id
                    -- The answer's hand-off deadline, carried by the ROUTED activity of the same hand-off.
                    left join lateral (
                        select (x.detail ->> 'due')::timestamptz as due from activity x
                        where a.type in ('ACCEPTED', 'RETURNED') and x.lead_id = a.lead_id and x.type = 'ROUTED'
                          and x.detail ->> 'handOff' = a.detail ->> 'handOff' and (x.detail ->> 'due') is not null
                        order by x.occurred_at desc limit 1) r on true
                ) e
                group by product_id, day, channel""".formatted(IN_DAY.formatted("l.created_at"),
                IN_DAY.formatted("a.occurred_at"))).update();
        jdbc.sql("""
                insert into report_stage_entry (product_id, day, stage, entered)
                select d.product_id, d.day, a.detail ->> 'to', count(*)
                from report_days d
                join activity a on a.product_id = d.product_id and a.type = 'STAGE_CHANGED' and a.occurred_at %s
                where (a.detail ->> 'to') is not null
                group by 1, 2, 3""".formatted(IN_DAY.formatted("a.occurred_at"))).update();
        // A stay in a stage ends with a stage change; it began at the lead's previous change, or at its creation.
        jdbc.sql("""
                insert into report_stage_stay (product_id, day, stage, tenths, stays)
                select product_id, day, stage, tenths, count(*)
                from (
                    select d.product_id, d.day, a.detail ->> 'from' as stage,
                           greatest(0, round(extract(epoch from a.occurred_at - coalesce(p.at, l.created_at)) / 8640))::int
                               as tenths
                    from report_days d
                    join activity a on a.product_id = d.product_id and a.type = 'STAGE_CHANGED' and a.occurred_at %s
                    join lead l on l.id = a.lead_id
                    left join lateral (
                        select max(x.occurred_at) as at from activity x
                        where x.lead_id = a.lead_id and x.type = 'STAGE_CHANGED' and x.occurred_at < a.occurred_at) p
                        on true
                    where (a.detail ->> 'from') is not null
                ) s
                group by 1, 2, 3, 4""".formatted(IN_DAY.formatted("a.occurred_at"))).update();
        jdbc.sql("""
                insert into report_return_reason (product_id, day, reason, returned)
                select d.product_id, d.day, left(coalesce(nullif(btrim(a.detail ->> 'reason'), ''), '-'), 200), count(*)
                from report_days d
                join activity a on a.product_id = d.product_id and a.type = 'RETURNED' and a.occurred_at %s
                group by 1, 2, 3""".formatted(IN_DAY.formatted("a.occurred_at"))).update();
    }

    private void snapshot() {
        jdbc.sql("delete from report_lead_snapshot").update();
        jdbc.sql("""
                insert into report_lead_snapshot (product_id, stage, score_band, hot, leads)
                select product_id, stage, least(greatest(score, 0) / 10, 10) * 10, hot, count(*)
                from lead group by 1, 2, 3, 4""").update();
        jdbc.sql("""
                insert into report_snapshot_run (product_id, taken_at) select id, clock_timestamp() from product
                on conflict (product_id) do update set taken_at = excluded.taken_at""").update();
    }
}
