package jp.nurture.leads.routing;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.activity.NewActivity;
import jp.nurture.leads.core.lead.Authority;
import jp.nurture.leads.core.lead.Bant;
import jp.nurture.leads.core.lead.ConcurrentLeadChange;
import jp.nurture.leads.core.lead.Lead;
import jp.nurture.leads.core.lead.LeadNotFound;
import jp.nurture.leads.core.lead.Leads;
import jp.nurture.leads.core.lead.Timeframe;
import jp.nurture.leads.core.product.ProductScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What inside sales does from a board card: the filtered board itself, the card's SLA and last activity, logging
 * a call or note, answering one BANT question, follow-up tasks, and the personal "today" list.
 */
@Service
@Transactional(readOnly = true)
public class InsideSalesDesk {

    /** The BANT question being answered. */
    public enum BantPart { BUDGET, AUTHORITY, NEED, TIMEFRAME }

    private final JdbcClient jdbc;
    private final Leads leads;
    private final ActivityLog activities;
    private final Clock clock;

    InsideSalesDesk(JdbcClient jdbc, Leads leads, ActivityLog activities, Clock clock) {
        this.jdbc = jdbc;
        this.leads = leads;
        this.activities = activities;
        this.clock = clock;
    }

    /** Last activity, next follow-up and SLA state for each card. */
    public Map<Long, CardFacts> cardFacts(List<Long> leadIds) {
        Map<Long, CardFacts> facts = new HashMap<>();
        if (leadIds.isEmpty()) {
            return facts;
        }
        Instant now = clock.instant();
        jdbc.sql("""
                select l.id, a.type, a.occurred_at, f.due_on, h.status, h.due_at, u.display_name
                from unnest(?::bigint[]) as l(id)
                left join lateral (select type, occurred_at from activity where lead_id = l.id
                                   order by occurred_at desc limit 1) a on true
                left join lateral (select due_on from follow_up where lead_id = l.id and done_at is null
                                   order by due_on limit 1) f on true
                left join lateral (select status, due_at, owner_id from hand_off where lead_id = l.id
                                   order by routed_at desc, id desc limit 1) h on true
                left join app_user u on u.id = h.owner_id""")
                .param(leadIds.toArray(Long[]::new))
                .query((rs, n) -> {
                    Timestamp at = rs.getTimestamp(3);
                    Date due = rs.getDate(4);
                    String status = rs.getString(5);
                    Timestamp slaDue = rs.getTimestamp(6);
                    String sla = status == null ? "NONE"
                            : "OPEN".equals(status) && slaDue.toInstant().isBefore(now) ? "OVERDUE" : status;
                    return facts.put(rs.getLong(1), new CardFacts(rs.getString(2), at == null ? null : at.toInstant(),
                            due == null ? null : due.toLocalDate(), sla, slaDue == null ? null : slaDue.toInstant(),
                            rs.getString(7)));
                })
                .list();
        return facts;
    }

    /** Logs a call or a note on the lead's timeline. */
    @Transactional
    public void logContact(long leadId, ActivityType type, String text, long actorId, ProductScope scope) {
        if (type != ActivityType.CALL && type != ActivityType.NOTE) {
            throw new IllegalArgumentException("only a call or a note");
        }
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw new IllegalArgumentException("empty note");
        }
        Lead lead = lead(leadId, scope);
        activities.record(new NewActivity(lead.getId(), lead.getProductId(), type, clock.instant(), actorId,
                Map.of("summary", body)));
    }

    /** Answers one BANT question, leaving the other three as they are (seed 002: one question at a time). */
    @Transactional
    public void answerBant(long leadId, long version, BantPart part, String answer, long actorId, ProductScope scope) {
        Lead lead = leads.findForUpdateById(leadId).filter(l -> scope.allows(l.getProductId()))
                .orElseThrow(() -> new LeadNotFound(leadId));
        if (lead.getVersion() != version) {
            throw new ConcurrentLeadChange(leadId);
        }
        String value = answer == null ? "" : answer.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty answer");
        }
        Bant b = lead.getBant();
        Bant next = switch (part) {
            case BUDGET -> new Bant(parseYen(value), parseYen(value) == null ? value : b.budgetNote(), b.authority(),
                    b.need(), b.timeframe());
            case AUTHORITY -> new Bant(b.budgetYen(), b.budgetNote(), Authority.valueOf(value), b.need(), b.timeframe());
            case NEED -> new Bant(b.budgetYen(), b.budgetNote(), b.authority(), value, b.timeframe());
            case TIMEFRAME -> new Bant(b.budgetYen(), b.budgetNote(), b.authority(), b.need(), Timeframe.valueOf(value));
        };
        lead.recordBant(next);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("bantAnswered", next.answered());
        detail.put("bantChanged", true);
        detail.put("summary", "BANT " + part.name().charAt(0) + ": " + value);
        activities.record(new NewActivity(lead.getId(), lead.getProductId(), ActivityType.DETAILS_CHANGED,
                clock.instant(), actorId, detail));
    }

    private static Long parseYen(String value) {
        String digits = value.replace(",", "").replace("円", "").replace("¥", "").strip();
        return digits.matches("\\d{1,15}") ? Long.valueOf(digits) : null;
    }

    /** Sets a follow-up task on the lead for the user. */
    @Transactional
    public long addFollowUp(long leadId, LocalDate dueOn, String note, long ownerId, ProductScope scope) {
        String text = note == null ? "" : note.strip();
        if (dueOn == null || text.isEmpty()) {
            throw new IllegalArgumentException("a follow-up needs a date and a note");
        }
        Lead lead = lead(leadId, scope);
        return jdbc.sql("""
                insert into follow_up (lead_id, owner_id, due_on, note, created_at) values (?, ?, ?, ?, ?) returning id""")
                .params(lead.getId(), ownerId, dueOn, text.length() > 500 ? text.substring(0, 500) : text,
                        Timestamp.from(clock.instant()))
                .query(Long.class).single();
    }

    /** Marks the user's follow-up as done. */
    @Transactional
    public void completeFollowUp(long followUpId, long ownerId) {
        jdbc.sql("update follow_up set done_at = ? where id = ? and owner_id = ? and done_at is null")
                .params(Timestamp.from(clock.instant()), followUpId, ownerId).update();
    }

    /** The user's today: follow-ups due by today, leads of theirs that turned hot lately, hand-offs given back. */
    public TodayList today(long userId, ProductScope scope) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(BusinessCalendar.JAPAN).toLocalDate();
        Instant since = now.minus(Duration.ofDays(7));
        Long[] products = scope.sqlFilter();
        List<TodayList.FollowUp> followUps = jdbc.sql("""
                select f.id, f.lead_id, p.full_name, c.name, f.due_on, f.note
                from follow_up f join lead l on l.id = f.lead_id join person p on p.id = l.person_id
                left join company c on c.id = p.company_id
                where f.owner_id = ? and f.done_at is null and f.due_on <= ?
                  and (cast(? as bigint[]) is null or l.product_id = any(?))
                order by f.due_on, f.id limit 50""")
                .params(userId, today, products, products)
                .query((rs, n) -> new TodayList.FollowUp(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getDate(5).toLocalDate(), rs.getString(6),
                        rs.getDate(5).toLocalDate().isBefore(today)))
                .list();
        List<TodayList.Item> hot = jdbc.sql("""
                select l.id, p.full_name, c.name, max(a.occurred_at)
                from activity a join lead l on l.id = a.lead_id join person p on p.id = l.person_id
                left join company c on c.id = p.company_id
                where a.type = 'BECAME_HOT' and a.occurred_at >= ? and l.owner_id = ? and l.hot
                  and l.stage in ('NEW_LEAD', 'WORKING_UNTOUCHED', 'WORKING_CONNECTED')
                  and (cast(? as bigint[]) is null or l.product_id = any(?))
                group by l.id, p.full_name, c.name order by max(a.occurred_at) desc limit 50""")
                .params(Timestamp.from(since), userId, products, products)
                .query((rs, n) -> new TodayList.Item(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), null))
                .list();
        List<TodayList.Item> returned = jdbc.sql("""
                select l.id, p.full_name, c.name, h.closed_at, concat_ws(' — ', nullif(h.return_reason, ''),
                       nullif(h.return_note, ''))
                from hand_off h join lead l on l.id = h.lead_id join person p on p.id = l.person_id
                left join company c on c.id = p.company_id
                where h.status = 'RETURNED' and h.closed_at >= ? and l.owner_id = ?
                  and l.stage in ('WORKING_UNTOUCHED', 'WORKING_CONNECTED')
                  and (cast(? as bigint[]) is null or l.product_id = any(?))
                order by h.closed_at desc limit 50""")
                .params(Timestamp.from(since), userId, products, products)
                .query((rs, n) -> new TodayList.Item(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5)))
                .list();
        return new TodayList(followUps, hot, returned);
    }

    private Lead lead(long leadId, ProductScope scope) {
        return leads.findById(leadId).filter(l -> scope.allows(l.getProductId()))
                .orElseThrow(() -> new LeadNotFound(leadId));
    }
}
