package jp.nurture.leads.core.tracking;

import java.time.Clock;
import java.util.UUID;
import jp.nurture.leads.core.activity.ActivityRecorded;
import jp.nurture.leads.core.activity.ActivityType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Identity stitching: once a tracked link click or a form submission tells which lead a browser belongs to, the
 * visitor is tied to that lead, and every page view it made anonymously so far moves onto the lead's timeline
 * (set-based, one statement), publishing ActivityRecorded for each moved view. Form capture calls
 * {@link #identify} with the visitor id the tag put in the form.
 */
@Service
public class VisitorIdentity {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    VisitorIdentity(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Ties the visitor to the lead (a later identification as another lead wins) and moves the visitor's anonymous
     * page views onto the lead's timeline.
     *
     * @return how many anonymous page views were attached to the lead
     */
    @Transactional
    public int identify(UUID visitorId, long leadId) {
        jdbc.sql("""
                insert into visitor (id, lead_id, identified_at) values (?, ?, ?)
                on conflict (id) do update set lead_id = excluded.lead_id, identified_at = excluded.identified_at""")
                .params(visitorId, leadId, java.sql.Timestamp.from(clock.instant())).update();
        // Views on another product's site go to the same person's lead for that product when there is one.
        return jdbc.sql("""
                with moved as (
                    delete from anonymous_page_view v where v.visitor_id = ?
                    returning v.product_id, v.occurred_at, v.detail
                ), target as (
                    select m.occurred_at, m.detail, coalesce(lp.id, l.id) as lead_id,
                           coalesce(lp.product_id, l.product_id) as product_id
                    from moved m
                    join lead l on l.id = ?
                    left join lead lp on lp.person_id = l.person_id and lp.product_id = m.product_id
                )
                insert into activity (lead_id, product_id, type, occurred_at, detail)
                select lead_id, product_id, ?, occurred_at, detail from target order by occurred_at
                returning id, lead_id, product_id, occurred_at""")
                .params(visitorId, leadId, ActivityType.PAGE_VIEWED.name())
                .query((rs, n) -> {
                    events.publishEvent(new ActivityRecorded(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                            ActivityType.PAGE_VIEWED, rs.getTimestamp(4).toInstant()));
                    return 1;
                })
                .list().size();
    }

    /** The lead a visitor has been identified as, if any. */
    @Transactional(readOnly = true)
    public java.util.Optional<Long> leadOf(UUID visitorId) {
        return jdbc.sql("select lead_id from visitor where id = ? and lead_id is not null").param(visitorId)
                .query(Long.class).optional();
    }
}
