package jp.nurture.leads.scoring.engine;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.activity.NewActivity;
import jp.nurture.leads.core.lead.LeadBecameHot;
import jp.nurture.leads.scoring.model.HotRule;
import jp.nurture.leads.scoring.model.ScoringModel;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scores leads with one SQL statement per call, the same statement for one lead after an activity and for every
 * lead of a product after a model change: rules are rows joined to the leads' attributes and activities, so no
 * lead is ever loaded into Java. Only leads whose scores change are written, each change also to the history.
 * Leads that cross the hot rule get a BECAME_HOT activity and a {@link LeadBecameHot} event.
 */
@Service
public class ScoreEngine {

    /** Per (lead, rule): the points the rule gives that lead now, with the count and newest activity behind it. */
    private static final String CONTRIBUTIONS = """
            with rules as (
                select id, kind, criterion, value, match_values, min_count, window_days, half_life_days, points
                from scoring_rule where model_id = :model),
            target as (
                select l.id, l.fit_score, l.engagement_score, l.hot, l.authority, l.timeframe, l.budget_yen,
                       l.budget_note, p.title_level, p.department, c.industry, c.revenue_band, c.employee_band,
                       c.prefecture, c.existing_customer
                from lead l join person p on p.id = l.person_id left join company c on c.id = p.company_id
                where l.product_id = :product /*LEADS*/),
            fit as (
                select t.id as lead_id, r.id as rule_id, r.kind, r.points as pts, cast(null as bigint) as n,
                       cast(null as timestamptz) as last_at
                from target t join rules r on r.kind = 'FIT' and coalesce(case r.criterion
                    when 'INDUSTRY' then t.industry = any(r.match_values)
                    when 'REVENUE_BAND' then t.revenue_band = any(r.match_values)
                    when 'EMPLOYEE_BAND' then t.employee_band = any(r.match_values)
                    when 'AREA' then t.prefecture = any(r.match_values)
                    when 'PREFECTURE' then t.prefecture = any(r.match_values)
                    when 'TITLE_LEVEL' then t.title_level = any(r.match_values)
                    when 'DEPARTMENT' then strpos(lower(t.department), lower(r.value)) > 0
                    when 'AUTHORITY' then t.authority = any(r.match_values)
                    when 'TIMEFRAME' then t.timeframe = any(r.match_values)
                    when 'EXISTING_CUSTOMER' then t.existing_customer
                    when 'BUDGET_KNOWN' then t.budget_yen is not null or coalesce(t.budget_note, '') <> ''
                    end, false)),
            counted as (
                select a.lead_id, r.id as rule_id, count(*) as n, max(a.occurred_at) as last_at
                from activity a join rules r on r.kind = 'ENGAGEMENT' and a.type = r.criterion
                    and (r.window_days is null or a.occurred_at >= cast(:now as timestamptz) - r.window_days * interval '1 day')
                    and (r.value is null or strpos(lower(cast(a.detail as text)), lower(r.value)) > 0)
                where a.product_id = :product and a.occurred_at <= cast(:now as timestamptz) /*ACTIVITIES*/
                group by a.lead_id, r.id),
            engagement as (
                select k.lead_id, k.rule_id, r.kind,
                       cast(round(r.points * case when r.half_life_days is null then 1
                            else power(0.5, extract(epoch from (cast(:now as timestamptz) - k.last_at)) / 86400.0
                                            / r.half_life_days) end) as int) as pts,
                       k.n, k.last_at
                from counted k join rules r on r.id = k.rule_id
                where k.n >= r.min_count),
            contributions as (
                select * from fit union all select * from engagement where pts <> 0)
            """;

    private static final String SCORED = CONTRIBUTIONS + """
            , scored as (
                select t.id, t.fit_score as was_fit, t.engagement_score as was_engagement, t.hot as was_hot,
                       cast(coalesce(sum(c.pts) filter (where c.kind = 'FIT'), 0) as int) as f,
                       cast(coalesce(sum(c.pts) filter (where c.kind = 'ENGAGEMENT'), 0) as int) as e
                from target t left join contributions c on c.lead_id = t.id
                group by t.id, t.fit_score, t.engagement_score, t.hot),
            judged as (
                select s.*, case when :mode = 'TOTAL' then s.f + s.e >= cast(:hotTotal as int)
                                 else s.f >= cast(:hotFit as int) and s.e >= cast(:hotEngagement as int) end as h
                from scored s)
            """;

    private static final String RESCORE = SCORED + """
            , changed as (
                update lead l set fit_score = j.f, engagement_score = j.e, score = j.f + j.e, hot = j.h
                from judged j
                where l.id = j.id and (j.was_fit, j.was_engagement, j.was_hot) is distinct from (j.f, j.e, j.h)
                returning l.id, j.f, j.e, j.h, j.was_fit, j.was_engagement, j.was_hot),
            history as (
                insert into lead_score_history (lead_id, product_id, changed_at, fit_score, engagement_score, model_id)
                select id, :product, cast(:now as timestamptz), f, e, :model from changed
                where (f, e) is distinct from (was_fit, was_engagement))
            select id, f, e, h, was_hot from changed
            """;

    /**
     * The whole-product path in two statements. PostgreSQL never runs a statement that writes (the UPDATE above)
     * with parallel workers, but it does run CREATE TABLE AS SELECT in parallel: judging a million leads against
     * tens of millions of activities is a scan and an aggregate that parallel workers share, and the update then
     * only joins the small result.
     */
    private static final String JUDGE_ALL = "create temp table rescore_judged on commit drop as " + SCORED
            + " select id, f, e, h, was_fit, was_engagement, was_hot from judged";

    private static final String APPLY_ALL = """
            with changed as (
                update lead l set fit_score = j.f, engagement_score = j.e, score = j.f + j.e, hot = j.h
                from rescore_judged j
                where l.id = j.id and (j.was_fit, j.was_engagement, j.was_hot) is distinct from (j.f, j.e, j.h)
                  -- A lead an activity rescored after the judging started keeps that newer score.
                  and (l.fit_score, l.engagement_score, l.hot) = (j.was_fit, j.was_engagement, j.was_hot)
                returning l.id, j.f, j.e, j.h, j.was_fit, j.was_engagement, j.was_hot),
            history as (
                insert into lead_score_history (lead_id, product_id, changed_at, fit_score, engagement_score, model_id)
                select id, :product, cast(:now as timestamptz), f, e, :model from changed
                where (f, e) is distinct from (was_fit, was_engagement))
            select id, f, e, h, was_hot from changed
            """;

    private final JdbcClient jdbc;
    private final ActivityLog activities;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ScoreEngine(JdbcClient jdbc, ActivityLog activities, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.activities = activities;
        this.events = events;
        this.clock = clock;
    }

    /** What one rescore changed. */
    public record Outcome(int changed, int becameHot) {
    }

    /** Rescores every lead of the product with the model (a model change, the daily decay). */
    @Transactional
    public Outcome rescoreProduct(ScoringModel model) {
        return run(model, null);
    }

    /** Rescores the given leads of the model's product (after new activities or attribute changes). */
    @Transactional
    public Outcome rescoreLeads(ScoringModel model, Collection<Long> leadIds) {
        if (leadIds.isEmpty()) {
            return new Outcome(0, 0);
        }
        return run(model, leadIds.toArray(Long[]::new));
    }

    private Outcome run(ScoringModel model, Long[] leadIds) {
        Instant now = clock.instant();
        if (leadIds != null) {
            // Lock the leads in id order first: the batch UPDATE below would otherwise take its row locks in
            // whatever order the plan visits them and deadlock with another writer of the same leads. NO KEY UPDATE
            // is the lock the UPDATE takes anyway, so foreign-key checks of other inserts are not blocked.
            jdbc.sql("select id from lead where id = any(?) order by id for no key update").param(leadIds).query(Long.class)
                    .list();
        }
        record Change(long leadId, int fit, int engagement, boolean hot, boolean wasHot) {
        }
        JdbcClient.StatementSpec rescore;
        if (leadIds == null) {
            // A whole product groups millions of (lead, rule) counts: let that aggregate stay in memory.
            jdbc.sql("set local work_mem = '256MB'").update();
            jdbc.sql("drop table if exists rescore_judged").update();
            bind(jdbc.sql(restrict(JUDGE_ALL, null)), model, null, now).update();
            // Lock the rows about to change in id order, as the one-lead path does, so the update cannot deadlock
            // with an activity's rescore of the same leads.
            jdbc.sql("select l.id from lead l join rescore_judged j on j.id = l.id "
                    + "where (j.was_fit, j.was_engagement, j.was_hot) is distinct from (j.f, j.e, j.h) "
                    + "order by l.id for no key update of l").query(Long.class).list();
            rescore = jdbc.sql(APPLY_ALL).param("product", model.productId()).param("model", model.id())
                    .param("now", Timestamp.from(now));
        } else {
            rescore = bind(jdbc.sql(restrict(RESCORE, leadIds)), model, leadIds, now);
        }
        List<Change> changes = rescore
                .query((rs, n) -> new Change(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getBoolean(4),
                        rs.getBoolean(5)))
                .list();
        List<NewActivity> hotActivities = new ArrayList<>();
        for (Change c : changes) {
            if (c.hot() && !c.wasHot()) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("fit", c.fit());
                detail.put("engagement", c.engagement());
                detail.put("modelVersion", model.version());
                hotActivities.add(new NewActivity(c.leadId(), model.productId(), ActivityType.BECAME_HOT, now, null,
                        detail));
                events.publishEvent(new LeadBecameHot(c.leadId(), model.productId(), c.fit(), c.engagement(), now));
            }
        }
        activities.recordAll(hotActivities);
        return new Outcome(changes.size(), hotActivities.size());
    }

    /**
     * Scores under a model without writing anything (calibration back-tests): fit, engagement and 1 when hot, for
     * the given leads or, with null, every lead of the product.
     */
    @Transactional(readOnly = true)
    public Map<Long, int[]> preview(ScoringModel model, Collection<Long> leadIds) {
        Long[] ids = leadIds == null ? null : leadIds.toArray(Long[]::new);
        Map<Long, int[]> scores = new LinkedHashMap<>();
        bind(jdbc.sql(restrict(SCORED + " select id, f, e, h from judged", ids)), model, ids, clock.instant())
                .query((rs, n) -> scores.put(rs.getLong(1), new int[] {rs.getInt(2), rs.getInt(3), rs.getBoolean(4) ? 1 : 0}))
                .list();
        return scores;
    }

    /** Each rule that gives the lead points now: rule id, points, and for engagement the count and newest time. */
    @Transactional(readOnly = true)
    public List<Contribution> contributions(ScoringModel model, long leadId) {
        Long[] ids = {leadId};
        return bind(jdbc.sql(restrict(CONTRIBUTIONS + " select rule_id, pts, n, last_at from contributions", ids)),
                model, ids, clock.instant())
                .query((rs, n) -> new Contribution(rs.getLong(1), rs.getInt(2), (Long) rs.getObject(3),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .list();
    }

    /** Points one rule gives one lead. */
    public record Contribution(long ruleId, int points, Long count, Instant lastAt) {
    }

    private static String restrict(String sql, Long[] leadIds) {
        if (leadIds == null) {
            return sql.replace("/*LEADS*/", "").replace("/*ACTIVITIES*/", "");
        }
        // Separate text for the one-lead case, so the planner uses the (lead_id, occurred_at) index.
        return sql.replace("/*LEADS*/", "and l.id = any(:leads)").replace("/*ACTIVITIES*/", "and a.lead_id = any(:leads)");
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, ScoringModel model, Long[] leadIds,
            Instant now) {
        HotRule hot = model.content().hotRule();
        spec = spec.param("model", model.id()).param("product", model.productId())
                .param("now", Timestamp.from(now)).param("mode", hot.mode().name())
                .param("hotTotal", hot.total()).param("hotFit", hot.fit()).param("hotEngagement", hot.engagement());
        return leadIds == null ? spec : spec.param("leads", leadIds);
    }
}
