package jp.nurture.leads.core.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.audit.AuditAction;
import jp.nurture.leads.core.audit.AuditLog;
import jp.nurture.leads.core.consent.Consents;
import jp.nurture.leads.core.consent.SuppressionReason;
import jp.nurture.leads.core.party.JapaneseText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the product holds about one person, for an access request, and its erasure. Both read the tables directly:
 * a person's data is spread over every feature (leads, the timeline, tracking visitors, consents, hand-offs,
 * follow-ups, score history, import error rows), and a request must miss none of them.
 */
@Service
public class PersonalData {

    /** A person found by address, as the admin page lists them before acting. */
    public record PersonSummary(long id, String name, String email, String company, int leads) {
    }

    /** What an erasure removed, by table, as counts only. */
    public record Erasure(long personId, Map<String, Integer> removed) {
    }

    private final JdbcClient jdbc;
    private final Consents consents;
    private final AuditLog audit;

    PersonalData(JdbcClient jdbc, Consents consents, AuditLog audit) {
        this.jdbc = jdbc;
        this.consents = consents;
        this.audit = audit;
    }

    /** The person with this address (normalised as everywhere else), if any. */
    @Transactional(readOnly = true)
    public PersonSummary find(String email) {
        String normalized = JapaneseText.email(email);
        if (normalized == null) {
            throw new PersonNotFound();
        }
        return jdbc.sql("""
                select p.id, p.full_name, p.email, c.name, (select count(*) from lead l where l.person_id = p.id)
                from person p left join company c on c.id = p.company_id where p.email = ?""")
                .param(normalized)
                .query((rs, n) -> new PersonSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5)))
                .optional().orElseThrow(PersonNotFound::new);
    }

    /** The person's address, or null when the person has none (or does not exist). */
    @Transactional(readOnly = true)
    public String emailOf(long personId) {
        return jdbc.sql("select email from person where id = ?").param(personId).query(String.class).optional()
                .orElse(null);
    }

    /** Everything held about the person, as one JSON-ready document; the request is recorded in the audit log. */
    @Transactional
    public Map<String, Object> export(long personId) {
        Map<String, Object> person = one("""
                select p.id, p.full_name, p.kana, p.email, p.phone, p.department, p.job_title, p.title_level,
                       p.external_id, p.created_at, p.updated_at, c.name as company, c.prefecture as company_prefecture
                from person p left join company c on c.id = p.company_id where p.id = ?""", personId);
        if (person == null) {
            throw new PersonNotFound();
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("person", person);
        document.put("leads", all("""
                select l.id, pr.code as product, l.stage, l.stage_changed_at, l.stage_reason, l.source_channel,
                       l.source_detail, l.budget_yen, l.budget_note, l.authority, l.need, l.timeframe,
                       l.planned_adoption_date, l.expected_users, l.place_of_use, l.custom::text as custom,
                       l.fit_score, l.engagement_score, l.score, l.hot, l.created_at
                from lead l join product pr on pr.id = l.product_id where l.person_id = ? order by l.id""", personId));
        document.put("activities", all("""
                select a.lead_id, a.type, a.occurred_at, a.detail::text as detail from activity a
                where a.lead_id in (select id from lead where person_id = ?) order by a.occurred_at, a.id""", personId));
        document.put("consents", all("""
                select t.product_id, t.code as email_type, c.status, c.basis, c.source, c.recorded_at
                from consent c join email_type t on t.id = c.email_type_id where c.person_id = ? order by t.id""",
                personId));
        document.put("consentHistory", all("""
                select t.code as email_type, h.status, h.basis, h.source, h.recorded_at
                from consent_history h join email_type t on t.id = h.email_type_id where h.person_id = ?
                order by h.id""", personId));
        document.put("trackingVisitors", all("""
                select v.id::text as visitor_id, v.first_seen_at, v.identified_at from visitor v
                where v.lead_id in (select id from lead where person_id = ?) order by v.first_seen_at""", personId));
        document.put("handOffs", all("""
                select h.lead_id, h.status, h.routed_at, h.due_at, h.closed_at from hand_off h
                where h.lead_id in (select id from lead where person_id = ?) order by h.id""", personId));
        document.put("followUps", all("""
                select f.lead_id, f.due_on, f.note, f.done_at from follow_up f
                where f.lead_id in (select id from lead where person_id = ?) order by f.id""", personId));
        document.put("scoreHistory", all("""
                select s.lead_id, s.changed_at, s.fit_score, s.engagement_score from lead_score_history s
                where s.lead_id in (select id from lead where person_id = ?) order by s.changed_at""", personId));
        audit.record(AuditAction.PERSONAL_DATA_EXPORTED, "PERSON", personId, null, Map.of());
        return document;
    }

    /**
     * Erases the person from every table. The address goes on the suppression list (as its hash only), so no send
     * ever reaches it again, and the audit log keeps what was done as counts.
     */
    @Transactional
    public Erasure erase(long personId) {
        String email = jdbc.sql("select email from person where id = ? for update").param(personId)
                .query(String.class).optional().orElse(null);
        if (email == null && !jdbc.sql("select exists (select 1 from person where id = ?)").param(personId)
                .query(Boolean.class).single()) {
            throw new PersonNotFound();
        }
        List<Long> leads = jdbc.sql("select id from lead where person_id = ? order by id for update")
                .param(personId).query(Long.class).list();
        Long[] ids = leads.toArray(Long[]::new);
        Map<String, Integer> removed = new LinkedHashMap<>();
        removed.put("anonymous_page_view", delete("""
                delete from anonymous_page_view where visitor_id in (select id from visitor where lead_id = any(?))""", ids));
        removed.put("visitor", delete("delete from visitor where lead_id = any(?)", ids));
        removed.put("account_notice", delete("""
                delete from account_notice where hand_off_id in (select id from hand_off where lead_id = any(?))""", ids));
        removed.put("hand_off", delete("delete from hand_off where lead_id = any(?)", ids));
        removed.put("routing_failure", delete("delete from routing_failure where lead_id = any(?)", ids));
        removed.put("follow_up", delete("delete from follow_up where lead_id = any(?)", ids));
        removed.put("lead_score_history", delete("delete from lead_score_history where lead_id = any(?)", ids));
        removed.put("scoring_queue", delete("delete from scoring_queue where lead_id = any(?)", ids));
        removed.put("segment_member", delete("delete from segment_member where lead_id = any(?)", ids));
        removed.put("activity", delete("delete from activity where lead_id = any(?)", ids));
        removed.put("lead", delete("delete from lead where id = any(?)", ids));
        if (email != null) {
            consents.suppress(email, SuppressionReason.ERASURE, "erasure request");
            // Rows an import could not read keep the raw line, which may hold this address.
            removed.put("import_error", jdbc.sql("delete from import_error where strpos(lower(raw), ?) > 0")
                    .param(email).update());
        }
        removed.put("person", jdbc.sql("delete from person where id = ?").param(personId).update());
        audit.record(AuditAction.PERSON_ERASED, "PERSON", personId, null, Map.of("removed", removed));
        return new Erasure(personId, removed);
    }

    private int delete(String sql, Long[] leadIds) {
        return leadIds.length == 0 ? 0 : jdbc.sql(sql).param(leadIds).update();
    }

    private Map<String, Object> one(String sql, long id) {
        List<Map<String, Object>> rows = all(sql, id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private List<Map<String, Object>> all(String sql, long id) {
        return jdbc.sql(sql).param(id).query().listOfRows().stream()
                .map(row -> {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    row.forEach((k, v) -> copy.put(k, v instanceof java.sql.Timestamp t ? t.toInstant().toString()
                            : v instanceof java.sql.Date d ? d.toLocalDate().toString() : v));
                    return copy;
                })
                .toList();
    }
}
