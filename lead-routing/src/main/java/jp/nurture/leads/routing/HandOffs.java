package jp.nurture.leads.routing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.activity.NewActivity;
import jp.nurture.leads.core.lead.Lead;
import jp.nurture.leads.core.lead.LeadService;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.product.ProductScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Field sales' side of a hand-off: the queue, accept, return with a reason (the lead goes back to stage 2 or 3 for
 * inside sales), and the outcome after acceptance. Each step is recorded as a core activity (ACCEPTED, RETURNED,
 * WON, LOST), so scoring can learn from outcomes without knowing routing.
 */
@Service
@Transactional(readOnly = true)
public class HandOffs {

    private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() {
    };
    private static final String SELECT = """
            select h.id, h.lead_id, p.full_name, c.id, c.name, h.product_id, pr.name, h.owner_id, u.display_name,
                   h.rule_name, h.reasons, h.status, h.trigger, h.routed_at, h.due_at, h.escalated_at, l.score, l.hot,
                   h.return_reason, h.return_note, h.won_amount_yen, h.won_on, h.lost_reason
            from hand_off h join lead l on l.id = h.lead_id join person p on p.id = l.person_id
            left join company c on c.id = p.company_id join product pr on pr.id = h.product_id
            join app_user u on u.id = h.owner_id
            """;

    private final JdbcClient jdbc;
    private final LeadService leads;
    private final ActivityLog activities;
    private final JsonMapper json;
    private final Clock clock;

    HandOffs(JdbcClient jdbc, LeadService leads, ActivityLog activities, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.leads = leads;
        this.activities = activities;
        this.json = json;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The owner's open and accepted hand-offs, the oldest deadline first. */
    public List<HandOffView> queue(long ownerId) {
        return jdbc.sql(SELECT + """
                 where h.owner_id = ? and h.status in ('OPEN', 'ACCEPTED')
                 order by h.status desc, h.due_at limit 500""")
                .param(ownerId).query(this::view).list();
    }

    /** Every hand-off in flight the scope allows (for admins). */
    public List<HandOffView> inFlight(ProductScope scope) {
        return jdbc.sql(SELECT + """
                 where h.status in ('OPEN', 'ACCEPTED') and (cast(? as bigint[]) is null or h.product_id = any(?))
                 order by h.due_at limit 500""")
                .params(scope.sqlFilter(), scope.sqlFilter()).query(this::view).list();
    }

    /** Every hand-off of one lead, newest first. */
    public List<HandOffView> ofLead(long leadId) {
        return jdbc.sql(SELECT + " where h.lead_id = ? order by h.routed_at desc, h.id desc").param(leadId)
                .query(this::view).list();
    }

    /** Hand-offs of the given leads that are in flight or came back, the latest per lead. */
    public Map<Long, HandOffView> latestOf(List<Long> leadIds) {
        Map<Long, HandOffView> latest = new LinkedHashMap<>();
        if (!leadIds.isEmpty()) {
            jdbc.sql(SELECT + " where h.lead_id = any(?) order by h.lead_id, h.routed_at, h.id")
                    .param(leadIds.toArray(Long[]::new)).query(this::view).list()
                    .forEach(h -> latest.put(h.leadId(), h));
        }
        return latest;
    }

    /** Leads of the owner's accounts that routing gave to someone else (read-only information). */
    public List<HandOffView> accountNotices(long accountOwnerId) {
        return jdbc.sql(SELECT + """
                 join account_notice n on n.hand_off_id = h.id
                 where n.account_owner_id = ? order by n.created_at desc limit 50""")
                .param(accountOwnerId).query(this::view).list();
    }

    public HandOffView get(long handOffId) {
        return jdbc.sql(SELECT + " where h.id = ?").param(handOffId).query(this::view).optional()
                .orElseThrow(() -> new HandOffChanged(handOffId));
    }

    /** The owner takes the lead on. */
    @Transactional
    public void accept(long handOffId, long ownerId) {
        Instant now = clock.instant();
        Target t = transition(handOffId, ownerId, "OPEN", "status = 'ACCEPTED', accepted_at = ?", now);
        record(t, ActivityType.ACCEPTED, ownerId, now, Map.of("handOff", handOffId));
    }

    /**
     * The owner gives the lead back with a reason; the lead returns to stage 2 or 3 for its inside-sales owner
     * with the reason on the timeline.
     */
    @Transactional
    public void giveBack(long handOffId, long ownerId, String reason, String note, Stage backTo) {
        if (backTo == null || !backTo.acceptsReturn()) {
            throw new IllegalArgumentException("a returned lead goes back to stage 2 or 3");
        }
        String why = reason == null ? "" : reason.strip();
        String more = note == null ? "" : note.strip();
        if (why.isEmpty() && more.isEmpty()) {
            throw new IllegalArgumentException("a return needs a reason");
        }
        Instant now = clock.instant();
        Target t = transition(handOffId, ownerId, "OPEN', 'ACCEPTED",
                "status = 'RETURNED', closed_at = ?, return_reason = ?, return_note = ?, return_stage = ?",
                now, why, more, backTo.name());
        String text = why.isEmpty() ? more : more.isEmpty() ? why : why + " — " + more;
        Lead lead = leads.get(t.leadId(), ProductScope.all());
        if (lead.getStage() == Stage.CONVERTED) {
            leads.moveStage(lead.getId(), lead.getVersion(), backTo, text, ownerId, ProductScope.all());
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("handOff", handOffId);
        detail.put("reason", why);
        detail.put("note", more);
        detail.put("to", backTo.name());
        detail.put("summary", text);
        record(t, ActivityType.RETURNED, ownerId, now, detail);
    }

    /** The accepted lead became an order. */
    @Transactional
    public void win(long handOffId, long ownerId, long amountYen, LocalDate on) {
        if (amountYen < 0 || on == null) {
            throw new IllegalArgumentException("a won deal needs an amount and a date");
        }
        Instant now = clock.instant();
        Target t = transition(handOffId, ownerId, "ACCEPTED", "status = 'WON', closed_at = ?, won_amount_yen = ?, won_on = ?",
                now, amountYen, on);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("handOff", handOffId);
        detail.put("amountYen", amountYen);
        detail.put("on", on.toString());
        detail.put("summary", String.format("%,d / %s", amountYen, on));
        record(t, ActivityType.WON, ownerId, now, detail);
    }

    /** The accepted lead did not become an order. */
    @Transactional
    public void lose(long handOffId, long ownerId, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new IllegalArgumentException("a lost deal needs a reason");
        }
        Instant now = clock.instant();
        Target t = transition(handOffId, ownerId, "ACCEPTED", "status = 'LOST', closed_at = ?, lost_reason = ?", now, why);
        record(t, ActivityType.LOST, ownerId, now, Map.of("handOff", handOffId, "reason", why, "summary", why));
    }

    private record Target(long leadId, long productId) {
    }

    private Target transition(long handOffId, long ownerId, String fromStatuses, String set, Object... values) {
        Object[] params = new Object[values.length + 2];
        for (int i = 0; i < values.length; i++) {
            params[i] = values[i] instanceof Instant at ? Timestamp.from(at) : values[i];
        }
        params[values.length] = handOffId;
        params[values.length + 1] = ownerId;
        return jdbc.sql("update hand_off set " + set + " where id = ? and owner_id = ? and status in ('"
                        + fromStatuses + "') returning lead_id, product_id")
                .params(params)
                .query((rs, n) -> new Target(rs.getLong(1), rs.getLong(2))).optional()
                .orElseThrow(() -> new HandOffChanged(handOffId));
    }

    private void record(Target t, ActivityType type, long actor, Instant now, Map<String, ?> detail) {
        activities.record(new NewActivity(t.leadId(), t.productId(), type, now, actor, detail));
    }

    private HandOffView view(ResultSet rs, int n) throws SQLException {
        Timestamp escalated = rs.getTimestamp(16);
        java.sql.Date wonOn = rs.getDate(22);
        return new HandOffView(rs.getLong(1), rs.getLong(2), rs.getString(3), (Long) rs.getObject(4),
                rs.getString(5), rs.getLong(6), rs.getString(7), rs.getLong(8), rs.getString(9), rs.getString(10),
                json.readValue(rs.getString(11), REASONS), rs.getString(12), rs.getString(13),
                rs.getTimestamp(14).toInstant(), rs.getTimestamp(15).toInstant(),
                escalated == null ? null : escalated.toInstant(), rs.getInt(17), rs.getBoolean(18), rs.getString(19),
                rs.getString(20), (Long) rs.getObject(21), wonOn == null ? null : wonOn.toLocalDate(),
                rs.getString(23));
    }
}
