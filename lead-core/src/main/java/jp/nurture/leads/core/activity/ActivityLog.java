package jp.nurture.leads.core.activity;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only timeline. Written and read with plain SQL: this table grows to tens of millions of rows and
 * is never loaded through JPA.
 */
@Service
public class ActivityLog {

    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;

    ActivityLog(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
    }

    /** Appends one activity and publishes {@link ActivityRecorded}. */
    @Transactional
    public long record(NewActivity activity) {
        long id = jdbc.sql("""
                insert into activity (lead_id, product_id, type, occurred_at, actor_id, detail)
                values (?, ?, ?, ?, ?, cast(? as jsonb))
                returning id""")
                .params(activity.leadId(), activity.productId(), activity.type().name(),
                        Timestamp.from(activity.occurredAt()), activity.actorId(), json.writeValueAsString(activity.detail()))
                .query(Long.class).single();
        events.publishEvent(new ActivityRecorded(id, activity.leadId(), activity.productId(), activity.type(),
                activity.occurredAt()));
        return id;
    }

    /** Appends many activities in one statement per batch, publishing {@link ActivityRecorded} for each. */
    @Transactional
    public void recordAll(Collection<NewActivity> activities) {
        List<NewActivity> batch = new ArrayList<>(activities);
        int chunk = 1000;
        for (int from = 0; from < batch.size(); from += chunk) {
            List<NewActivity> part = batch.subList(from, Math.min(batch.size(), from + chunk));
            List<Long> ids = jdbc.sql("""
                    insert into activity (lead_id, product_id, type, occurred_at, actor_id, detail)
                    select * from unnest(?::bigint[], ?::bigint[], ?::varchar[], ?::text[]::timestamptz[], ?::bigint[],
                                         ?::jsonb[])
                    returning id""")
                    .params(part.stream().map(NewActivity::leadId).toArray(Long[]::new),
                            part.stream().map(NewActivity::productId).toArray(Long[]::new),
                            part.stream().map(a -> a.type().name()).toArray(String[]::new),
                            part.stream().map(a -> a.occurredAt().toString()).toArray(String[]::new),
                            part.stream().map(NewActivity::actorId).toArray(Long[]::new),
                            part.stream().map(a -> json.writeValueAsString(a.detail())).toArray(String[]::new))
                    .query(Long.class).list();
            for (int i = 0; i < part.size(); i++) {
                NewActivity a = part.get(i);
                events.publishEvent(new ActivityRecorded(ids.get(i), a.leadId(), a.productId(), a.type(),
                        a.occurredAt()));
            }
        }
    }

    /**
     * One page of a lead's timeline, newest first; {@code beforeId} is the id of the last activity of the previous
     * page (null for the first), so deep pages cost the same as the first.
     */
    @Transactional(readOnly = true)
    public List<Activity> page(long leadId, Long beforeId, int size) {
        return jdbc.sql("""
                select a.id, a.lead_id, a.product_id, a.type, a.occurred_at, a.actor_id, u.display_name, a.detail
                from activity a left join app_user u on u.id = a.actor_id
                where a.lead_id = ?
                  and (cast(? as bigint) is null or (a.occurred_at, a.id) < (
                       select b.occurred_at, b.id from activity b where b.id = ? and b.lead_id = a.lead_id))
                order by a.occurred_at desc, a.id desc
                limit ?""")
                .params(leadId, beforeId, beforeId, size)
                .query((rs, n) -> new Activity(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        ActivityType.valueOf(rs.getString(4)), rs.getTimestamp(5).toInstant(),
                        (Long) rs.getObject(6), rs.getString(7), json.readValue(rs.getString(8), DETAIL)))
                .list();
    }

    /** The newest activities of the given leads, newest first. */
    @Transactional(readOnly = true)
    public List<Activity> timeline(Collection<Long> leadIds, int limit) {
        if (leadIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select a.id, a.lead_id, a.product_id, a.type, a.occurred_at, a.actor_id, u.display_name, a.detail
                from activity a left join app_user u on u.id = a.actor_id
                where a.lead_id = any(?)
                order by a.occurred_at desc, a.id desc
                limit ?""")
                .params(leadIds.toArray(Long[]::new), limit)
                .query((rs, n) -> new Activity(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        ActivityType.valueOf(rs.getString(4)), rs.getTimestamp(5).toInstant(),
                        (Long) rs.getObject(6), rs.getString(7), json.readValue(rs.getString(8), DETAIL)))
                .list();
    }
}
