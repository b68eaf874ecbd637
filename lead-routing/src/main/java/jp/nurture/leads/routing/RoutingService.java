package jp.nurture.leads.routing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.activity.NewActivity;
import jp.nurture.leads.core.lead.LeadNotFound;
import jp.nurture.leads.core.product.ProductScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routes leads to exactly one field-sales owner, set-based: the leads are locked (rows another app instance is
 * routing are skipped, it owns them), decided in memory against one snapshot of the organisation, and written
 * with one INSERT per batch that a unique index on the in-flight hand-off guards. Every decision lands on the
 * timeline with its rule and reasons; a lead nobody can take is kept as a failure and retried.
 */
@Service
public class RoutingService {

    private static final Logger log = LoggerFactory.getLogger(RoutingService.class);
    private static final int CHUNK = 2000;

    private final JdbcClient jdbc;
    private final RoutingSetup setup;
    private final ActivityLog activities;
    private final HandOffMail mail;
    private final JsonMapper json;
    private final Clock clock;

    RoutingService(JdbcClient jdbc, RoutingSetup setup, ActivityLog activities, HandOffMail mail, JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.setup = setup;
        this.activities = activities;
        this.mail = mail;
        this.json = json;
        this.clock = clock;
    }

    /** The result of one routing batch. */
    public record Outcome(List<Long> handOffIds, List<Long> unrouted, List<Long> skipped) {
    }

    /** Routes in a transaction of its own: what event listeners call after the triggering change committed. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Outcome routeNow(Collection<Long> leadIds, Trigger trigger) {
        return route(leadIds, trigger, true);
    }

    /** Routes the leads and e-mails each new owner once. */
    @Transactional
    public Outcome route(Collection<Long> leadIds, Trigger trigger) {
        return route(leadIds, trigger, true);
    }

    /**
     * Routes the leads. Leads not in a routable state, already in flight, or being routed by another instance
     * right now (in flight once their lock is released) are skipped; leads nobody can take are recorded as failures.
     */
    @Transactional
    public Outcome route(Collection<Long> leadIds, Trigger trigger, boolean notify) {
        Instant now = clock.instant();
        long t0 = System.nanoTime();
        List<Long> locked = new ArrayList<>();
        List<Long> ids = List.copyOf(leadIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            Long[] chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK)).toArray(Long[]::new);
            // Wait for the lock rather than skip: a lead is also locked for a moment by scoring right after the
            // stage change that triggers routing, and a skipped lead would never be routed. Locks are taken in id
            // order (as scoring does), so waiting cannot deadlock.
            jdbc.sql("select l.id from lead l where l.id = any(?) order by l.id for update of l")
                    .param(chunk).query(Long.class).list();
            // A new statement sees the hand-offs another instance committed while this one waited: those leads
            // are in flight already and are left alone, so no lead ever gets two owners.
            locked.addAll(jdbc.sql("""
                    select l.id from lead l
                    where l.id = any(?) and not exists (
                        select 1 from hand_off h where h.lead_id = l.id and h.status in ('OPEN', 'ACCEPTED'))
                    order by l.id""")
                    .param(chunk).query(Long.class).list());
        }
        long t1 = System.nanoTime();
        List<LeadFacts> facts = facts(locked, trigger);
        Set<Long> eligible = facts.stream().map(LeadFacts::leadId).collect(Collectors.toSet());
        List<Long> skipped = new ArrayList<>(ids.stream().filter(id -> !eligible.contains(id)).toList());
        if (facts.isEmpty()) {
            return new Outcome(List.of(), List.of(), skipped);
        }
        Set<Long> products = facts.stream().map(LeadFacts::productId).collect(Collectors.toSet());
        // The team rows are the round-robin turn: locking them makes two instances take turns, never the same one.
        jdbc.sql("select id from sales_team order by id for update").query(Long.class).list();
        Map<Long, TeamRoster> teams = setup.rosters();
        Map<Long, Integer> loads = setup.openLoads();
        Map<Long, List<RoutingRule>> rules = setup.rules(products);
        Map<Long, RoutingSettings> settings = new HashMap<>();
        Map<Long, Router> routers = new HashMap<>();
        for (Long product : products) {
            RoutingSettings s = setup.settings(product);
            settings.put(product, s);
            routers.put(product, new Router(s, rules.getOrDefault(product, List.of()), teams, loads));
        }
        long t2 = System.nanoTime();
        List<Planned> planned = new ArrayList<>();
        List<Long> unrouted = new ArrayList<>();
        Map<Long, String> problems = new HashMap<>();
        Map<Long, Instant> dues = new HashMap<>();
        for (LeadFacts lead : facts) {
            if (trigger == Trigger.HOT && !settings.get(lead.productId()).routeHotDirectly()) {
                skipped.add(lead.leadId());
                continue;
            }
            RoutingDecision decision = routers.get(lead.productId()).route(lead);
            if (decision.found()) {
                // Every lead of one product routed in this batch has the same deadline.
                Instant due = dues.computeIfAbsent(lead.productId(),
                        p -> BusinessCalendar.dueAfter(now, settings.get(p).slaBusinessDays()));
                planned.add(new Planned(lead, decision, due));
            } else {
                unrouted.add(lead.leadId());
                problems.put(lead.leadId(), "NOBODY: " + describe(decision.reasons()));
            }
        }
        long t3 = System.nanoTime();
        List<Long> handOffIds = write(planned, trigger, now);
        long t4 = System.nanoTime();
        saveCursors(teams);
        recordFailures(facts, unrouted, problems, trigger, now);
        resolveFailures(planned.stream().map(p -> p.lead().leadId()).toList(), now);
        if (notify && !handOffIds.isEmpty()) {
            mail.afterCommit(handOffIds);
        }
        if (log.isDebugEnabled()) {
            log.debug("Routed {} of {} leads: lock {} ms, facts and organisation {} ms, decide {} ms, write {} ms",
                    handOffIds.size(), ids.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
        }
        return new Outcome(handOffIds, unrouted, skipped);
    }

    /** Who would get this lead and by which rule, without giving it to anyone. */
    @Transactional(readOnly = true)
    public RoutingDecision preview(long leadId, ProductScope scope) {
        List<LeadFacts> facts = facts(List.of(leadId), null);
        if (facts.isEmpty() || !scope.allows(facts.get(0).productId())) {
            throw new LeadNotFound(leadId);
        }
        LeadFacts lead = facts.get(0);
        RoutingSettings s = setup.settings(lead.productId());
        return new Router(s, setup.rules(lead.productId()), setup.rosters(), setup.openLoads()).preview(lead);
    }

    /** Keeps a routing that threw, so it is shown and retried; runs in its own transaction. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordFailure(long leadId, Trigger trigger, String problem) {
        Instant now = clock.instant();
        jdbc.sql("""
                insert into routing_failure (lead_id, product_id, trigger, problem, first_failed_at, next_attempt_at)
                select id, product_id, ?, ?, ?, ? from lead where id = ?
                on conflict (lead_id) where resolved_at is null
                do update set attempts = routing_failure.attempts + 1, problem = excluded.problem,
                              next_attempt_at = excluded.next_attempt_at""")
                .params(trigger.name(), truncate(problem), Timestamp.from(now), Timestamp.from(now.plusSeconds(60)),
                        leadId)
                .update();
    }

    /** Failures still waiting for a successful retry, newest first. */
    @Transactional(readOnly = true)
    public List<RoutingFailure> openFailures(ProductScope scope) {
        return jdbc.sql("""
                select f.id, f.lead_id, p.full_name, f.product_id, f.trigger, f.problem, f.attempts,
                       f.first_failed_at, f.next_attempt_at
                from routing_failure f join lead l on l.id = f.lead_id join person p on p.id = l.person_id
                where f.resolved_at is null and (cast(? as bigint[]) is null or f.product_id = any(?))
                order by f.first_failed_at desc limit 200""")
                .params(scope.sqlFilter(), scope.sqlFilter())
                .query((rs, n) -> new RoutingFailure(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getTimestamp(8).toInstant(),
                        rs.getTimestamp(9).toInstant()))
                .list();
    }

    /** Retries failed routings that are due; claims them so two instances never retry the same one. */
    @Scheduled(fixedDelayString = "${leads.routing.retry-every:PT1M}", initialDelayString = "PT30S")
    public void retryDueFailures() {
        try {
            retryFailures(false);
        } catch (RuntimeException e) {
            log.error("Retrying failed routings failed; they stay queued", e);
        }
    }

    /** Retries the failed routings that are due (or all of them), returning how many now have an owner. */
    @Transactional
    public int retryFailures(boolean all) {
        Instant now = clock.instant();
        Map<String, List<Long>> byTrigger = new HashMap<>();
        jdbc.sql("""
                select lead_id, trigger from routing_failure
                where resolved_at is null and (? or next_attempt_at <= ?)
                order by next_attempt_at limit 500
                for update skip locked""")
                .params(all, Timestamp.from(now))
                .query((rs, n) -> byTrigger.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getLong(1)))
                .list();
        int routed = 0;
        for (Map.Entry<String, List<Long>> e : byTrigger.entrySet()) {
            Trigger trigger = Trigger.valueOf(e.getKey());
            Outcome outcome = route(e.getValue(), trigger == Trigger.REASSIGNED ? Trigger.CONVERTED : trigger, true);
            routed += outcome.handOffIds().size();
            if (!outcome.skipped().isEmpty()) {
                // No longer routable (moved back, already in flight): nothing left to retry.
                jdbc.sql("update routing_failure set resolved_at = ? where resolved_at is null and lead_id = any(?)")
                        .params(Timestamp.from(now), outcome.skipped().toArray(Long[]::new)).update();
            }
        }
        return routed;
    }

    /** Escalates overdue hand-offs now (the scheduled job, safe with two instances). */
    @Scheduled(fixedDelayString = "${leads.routing.sla-check-every:PT5M}", initialDelayString = "PT1M")
    public void escalateDue() {
        try {
            escalateOverdue();
        } catch (RuntimeException e) {
            log.error("SLA escalation failed; it runs again on the next tick", e);
        }
    }

    /** One escalated hand-off: who was late, who was told, and the new hand-off if it moved on. */
    public record Escalation(long handOffId, long leadId, long lateOwnerId, Long notifiedUserId, Long newHandOffId,
            Long newOwnerId) {
    }

    /**
     * Escalates every open hand-off past its SLA: the team lead (or the product's fallback owner) is told, and
     * where the product says so the lead moves on to the next owner. Claimed with SKIP LOCKED, marked once.
     */
    @Transactional
    public List<Escalation> escalateOverdue() {
        Instant now = clock.instant();
        record Late(long id, long leadId, long productId, long ownerId, Long teamId, Long teamLead) {
        }
        List<Late> late = jdbc.sql("""
                select h.id, h.lead_id, h.product_id, h.owner_id, h.team_id, t.lead_user_id
                from hand_off h left join sales_team t on t.id = h.team_id
                where h.status = 'OPEN' and h.escalated_at is null and h.due_at <= ?
                order by h.due_at limit 200
                for update of h skip locked""")
                .param(Timestamp.from(now))
                .query((rs, n) -> new Late(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        (Long) rs.getObject(5), (Long) rs.getObject(6)))
                .list();
        if (late.isEmpty()) {
            return List.of();
        }
        List<Escalation> done = new ArrayList<>();
        Map<Long, TeamRoster> teams = null;
        Map<Long, Integer> loads = null;
        List<Long> newHandOffs = new ArrayList<>();
        for (Late h : late) {
            RoutingSettings s = setup.settings(h.productId());
            Long notify = h.teamLead() != null ? h.teamLead() : s.fallbackOwnerId();
            jdbc.sql("update hand_off set escalated_at = ? where id = ?").params(Timestamp.from(now), h.id()).update();
            Long newId = null;
            Long newOwner = null;
            if (s.reassignWhenOverdue()) {
                if (teams == null) {
                    jdbc.sql("select id from sales_team order by id for update").query(Long.class).list();
                    teams = setup.rosters();
                    loads = setup.openLoads();
                }
                Set<Long> hadIt = new HashSet<>(jdbc.sql("select owner_id from hand_off where lead_id = ?")
                        .param(h.leadId()).query(Long.class).list());
                LeadFacts facts = facts(List.of(h.leadId()), null).get(0);
                RoutingDecision next = new Router(s, setup.rules(h.productId()), teams, loads)
                        .routeExcluding(facts, hadIt);
                if (next.found()) {
                    jdbc.sql("update hand_off set status = 'REASSIGNED', closed_at = ? where id = ?")
                            .params(Timestamp.from(now), h.id()).update();
                    loads.merge(h.ownerId(), -1, Integer::sum);
                    List<Reason> reasons = new ArrayList<>();
                    reasons.add(Reason.of("OVERDUE", ""));
                    reasons.addAll(next.reasons());
                    newId = write(List.of(new Planned(facts, new RoutingDecision(next.ownerId(), next.teamId(),
                            next.ruleId(), next.ruleName(), reasons), BusinessCalendar.dueAfter(now,
                            s.slaBusinessDays()))), Trigger.REASSIGNED, now).get(0);
                    newOwner = next.ownerId();
                    newHandOffs.add(newId);
                }
            }
            done.add(new Escalation(h.id(), h.leadId(), h.ownerId(), notify, newId, newOwner));
        }
        if (teams != null) {
            saveCursors(teams);
        }
        mail.escalationsAfterCommit(done);
        if (!newHandOffs.isEmpty()) {
            mail.afterCommit(newHandOffs);
        }
        log.info("Escalated {} overdue hand-offs", done.size());
        return done;
    }

    private record Planned(LeadFacts lead, RoutingDecision decision, Instant due) {
    }

    private List<Long> write(List<Planned> planned, Trigger trigger, Instant now) {
        if (planned.isEmpty()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        Map<Long, Long> handOffByLead = new HashMap<>();
        for (int from = 0; from < planned.size(); from += CHUNK) {
            List<Planned> part = planned.subList(from, Math.min(planned.size(), from + CHUNK));
            jdbc.sql("""
                    insert into hand_off (lead_id, product_id, owner_id, team_id, rule_id, rule_name, reasons, trigger,
                                          status, routed_at, due_at)
                    select t.lead_id, t.product_id, t.owner_id, t.team_id, t.rule_id, t.rule_name, t.reasons, ?, 'OPEN',
                           ?, t.due_at
                    from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::varchar[],
                                ?::jsonb[], ?::timestamptz[])
                         as t(lead_id, product_id, owner_id, team_id, rule_id, rule_name, reasons, due_at)
                    on conflict (lead_id) where status in ('OPEN', 'ACCEPTED') do nothing
                    returning id, lead_id""")
                    .params(trigger.name(), Timestamp.from(now),
                            part.stream().map(p -> p.lead().leadId()).toArray(Long[]::new),
                            part.stream().map(p -> p.lead().productId()).toArray(Long[]::new),
                            part.stream().map(p -> p.decision().ownerId()).toArray(Long[]::new),
                            part.stream().map(p -> p.decision().teamId()).toArray(Long[]::new),
                            part.stream().map(p -> p.decision().ruleId()).toArray(Long[]::new),
                            part.stream().map(p -> p.decision().ruleName()).toArray(String[]::new),
                            part.stream().map(p -> json.writeValueAsString(p.decision().reasons())).toArray(String[]::new),
                            part.stream().map(p -> Timestamp.from(p.due())).toArray(Timestamp[]::new))
                    .query((rs, n) -> handOffByLead.put(rs.getLong(2), rs.getLong(1))).list();
        }
        Map<Long, String> names = names(planned.stream().map(p -> p.decision().ownerId()).collect(Collectors.toSet()));
        List<NewActivity> routed = new ArrayList<>();
        List<Object[]> notices = new ArrayList<>();
        for (Planned p : planned) {
            Long handOff = handOffByLead.get(p.lead().leadId());
            if (handOff == null) {
                continue;
            }
            ids.add(handOff);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("handOff", handOff);
            detail.put("owner", p.decision().ownerId());
            detail.put("summary", names.get(p.decision().ownerId()));
            detail.put("rule", p.decision().ruleName());
            detail.put("trigger", trigger.name());
            detail.put("reasons", p.decision().reasons());
            // The SLA deadline travels with the timeline, so reports judge "answered in time" from core alone.
            detail.put("due", p.due().toString());
            routed.add(new NewActivity(p.lead().leadId(), p.lead().productId(), ActivityType.ROUTED, now, null,
                    detail));
            if (p.lead().existingCustomer() && p.lead().accountOwnerId() != null
                    && !p.lead().accountOwnerId().equals(p.decision().ownerId())) {
                notices.add(new Object[] {handOff, p.lead().accountOwnerId()});
            }
        }
        activities.recordAll(routed);
        for (Object[] n : notices) {
            jdbc.sql("insert into account_notice (hand_off_id, account_owner_id, created_at) values (?, ?, ?)")
                    .params(n[0], n[1], Timestamp.from(now)).update();
        }
        return ids;
    }

    private void saveCursors(Map<Long, TeamRoster> teams) {
        List<TeamRoster> list = List.copyOf(teams.values());
        if (list.isEmpty()) {
            return;
        }
        jdbc.sql("""
                update sales_team t set rr_cursor = c.cursor
                from unnest(?::bigint[], ?::bigint[]) as c(id, cursor) where t.id = c.id and t.rr_cursor <> c.cursor""")
                .params(list.stream().map(TeamRoster::id).toArray(Long[]::new),
                        list.stream().map(TeamRoster::cursor).toArray(Long[]::new))
                .update();
    }

    private void recordFailures(List<LeadFacts> facts, List<Long> unrouted, Map<Long, String> problems,
            Trigger trigger, Instant now) {
        if (unrouted.isEmpty()) {
            return;
        }
        for (Long lead : unrouted) {
            log.warn("Lead {} could not be routed: {}", lead, problems.get(lead));
        }
        jdbc.sql("""
                insert into routing_failure (lead_id, product_id, trigger, problem, first_failed_at, next_attempt_at)
                select l.id, l.product_id, ?, t.problem, ?, ? from unnest(?::bigint[], ?::varchar[]) as t(id, problem)
                join lead l on l.id = t.id
                on conflict (lead_id) where resolved_at is null
                do update set attempts = routing_failure.attempts + 1, problem = excluded.problem,
                    next_attempt_at = excluded.first_failed_at
                        + least(interval '1 hour', interval '1 minute' * power(2, routing_failure.attempts))""")
                .params(trigger.name(), Timestamp.from(now), Timestamp.from(now.plus(Duration.ofMinutes(1))),
                        unrouted.toArray(Long[]::new),
                        unrouted.stream().map(id -> truncate(problems.get(id))).toArray(String[]::new))
                .update();
    }

    private void resolveFailures(List<Long> leadIds, Instant now) {
        if (!leadIds.isEmpty()) {
            jdbc.sql("update routing_failure set resolved_at = ? where resolved_at is null and lead_id = any(?)")
                    .params(Timestamp.from(now), leadIds.toArray(Long[]::new)).update();
        }
    }

    /** The facts routing needs; for a trigger, only leads in a stage that trigger may route. */
    List<LeadFacts> facts(Collection<Long> leadIds, Trigger trigger) {
        if (leadIds.isEmpty()) {
            return List.of();
        }
        String stages = trigger == null ? "" : trigger == Trigger.HOT
                ? " and l.stage in ('NEW_LEAD', 'WORKING_UNTOUCHED', 'WORKING_CONNECTED')"
                : " and l.stage = 'CONVERTED'";
        return jdbc.sql("""
                select l.id, l.product_id, c.id, c.name, c.prefecture, c.industry, c.employee_band, l.source_channel,
                       coalesce(c.existing_customer, false), c.account_owner_id, l.score, l.fit_score, l.owner_id,
                       (select array_agg(e.key || '=' || e.value) from jsonb_each_text(l.custom) e)
                from lead l join person p on p.id = l.person_id left join company c on c.id = p.company_id
                where l.id = any(?)""" + stages + " order by l.id")
                .param(leadIds.toArray(Long[]::new))
                .query((rs, n) -> new LeadFacts(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getBoolean(9),
                        (Long) rs.getObject(10), rs.getInt(11), rs.getInt(12), (Long) rs.getObject(13),
                        custom(rs.getArray(14))))
                .list();
    }

    /** Custom field values as "key=value" pairs; keys never hold "=", values may. */
    private static Map<String, String> custom(java.sql.Array pairs) throws java.sql.SQLException {
        if (pairs == null) {
            return Map.of();
        }
        Map<String, String> values = new HashMap<>();
        for (String pair : (String[]) pairs.getArray()) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return values;
    }

    private Map<Long, String> names(Set<Long> userIds) {
        Map<Long, String> names = new HashMap<>();
        jdbc.sql("select id, display_name from app_user where id = any(?)").param(userIds.toArray(Long[]::new))
                .query((rs, n) -> names.put(rs.getLong(1), rs.getString(2))).list();
        return names;
    }

    private static String describe(List<Reason> reasons) {
        return reasons.stream().map(r -> r.arg().isEmpty() ? r.code() : r.code() + "(" + r.arg() + ")")
                .collect(Collectors.joining(", "));
    }

    private static String truncate(String text) {
        String t = text == null ? "unknown" : text;
        return t.length() > 1000 ? t.substring(0, 1000) : t;
    }
}
