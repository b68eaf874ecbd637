package jp.nurture.leads.core.tracking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.activity.NewActivity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a batch of page views in one transaction: a known visitor's views become PAGE_VIEWED activities of
 * their lead (through {@link ActivityLog#recordAll}, which publishes ActivityRecorded for each), the others go
 * to the anonymous table. The visitors are locked for share, so an identification running at the same time
 * either sees these anonymous rows and moves them, or runs first and these views go to the lead.
 */
@Component
class PageViewWriter {

    private final JdbcClient jdbc;
    private final ActivityLog activities;
    private final TopicRules topics;
    private final JsonMapper json;

    PageViewWriter(JdbcClient jdbc, ActivityLog activities, TopicRules topics, JsonMapper json) {
        this.jdbc = jdbc;
        this.activities = activities;
        this.topics = topics;
        this.json = json;
    }

    @Transactional
    public void write(List<PageHit> hits) {
        if (hits.isEmpty()) {
            return;
        }
        // Sorted ids keep two instances' batches from locking the same visitors in opposite orders.
        String[] visitors = hits.stream().map(PageHit::visitorId).distinct().sorted(Comparator.naturalOrder())
                .map(UUID::toString).toArray(String[]::new);
        jdbc.sql("insert into visitor (id) select unnest(?::text[]::uuid[]) on conflict (id) do nothing")
                .param(visitors).update();
        Map<UUID, Long> known = new HashMap<>();
        jdbc.sql("select id, lead_id from visitor where id = any(?::text[]::uuid[]) order by id for share")
                .param(visitors)
                .query(rs -> {
                    long lead = rs.getLong(2);
                    if (!rs.wasNull()) {
                        known.put(rs.getObject(1, UUID.class), lead);
                    }
                });
        Map<String, Long[]> leadOfProduct = leadsPerProduct(hits, known);
        List<NewActivity> views = new ArrayList<>();
        List<PageHit> anonymous = new ArrayList<>();
        for (PageHit hit : hits) {
            Long[] lead = known.containsKey(hit.visitorId()) ? leadOfProduct.get(hit.visitorId() + "/" + hit.productId())
                    : null;
            if (lead == null) {
                anonymous.add(hit);
            } else {
                views.add(new NewActivity(lead[0], lead[1], ActivityType.PAGE_VIEWED, hit.occurredAt(), null,
                        detail(hit)));
            }
        }
        if (!views.isEmpty()) {
            activities.recordAll(views);
        }
        if (!anonymous.isEmpty()) {
            jdbc.sql("""
                    insert into anonymous_page_view (visitor_id, product_id, occurred_at, detail)
                    select * from unnest(?::text[]::uuid[], ?::bigint[], ?::text[]::timestamptz[], ?::jsonb[])""")
                    .params(anonymous.stream().map(h -> h.visitorId().toString()).toArray(String[]::new),
                            anonymous.stream().map(PageHit::productId).toArray(Long[]::new),
                            anonymous.stream().map(h -> h.occurredAt().toString()).toArray(String[]::new),
                            anonymous.stream().map(h -> json.writeValueAsString(detail(h))).toArray(String[]::new))
                    .update();
        }
    }

    /**
     * For each identified visitor and site product: the person's lead for that product, or else the lead the
     * visitor was identified as — one person browsing another product's site still belongs on a timeline.
     */
    private Map<String, Long[]> leadsPerProduct(List<PageHit> hits, Map<UUID, Long> known) {
        Map<String, Long[]> result = new HashMap<>();
        List<PageHit> pairs = hits.stream().filter(h -> known.containsKey(h.visitorId())).toList();
        if (pairs.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                select distinct x.visitor_id, x.product_id, coalesce(lp.id, l.id), coalesce(lp.product_id, l.product_id)
                from unnest(?::text[]::uuid[], ?::bigint[], ?::bigint[]) x(visitor_id, product_id, lead_id)
                join lead l on l.id = x.lead_id
                left join lead lp on lp.person_id = l.person_id and lp.product_id = x.product_id""")
                .params(pairs.stream().map(h -> h.visitorId().toString()).toArray(String[]::new),
                        pairs.stream().map(PageHit::productId).toArray(Long[]::new),
                        pairs.stream().map(h -> known.get(h.visitorId())).toArray(Long[]::new))
                .query(rs -> {
                    result.put(rs.getObject(1, UUID.class) + "/" + rs.getLong(2),
                            new Long[] {rs.getLong(3), rs.getLong(4)});
                });
        return result;
    }

    private Map<String, Object> detail(PageHit hit) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("url", hit.url());
        if (hit.title() != null) {
            detail.put("title", hit.title());
        }
        if (hit.referrer() != null) {
            detail.put("referrer", hit.referrer());
        }
        List<String> found = topics.topicsOf(hit.productId(), hit.url());
        if (!found.isEmpty()) {
            detail.put("topics", found);
        }
        detail.put("visitor", hit.visitorId().toString());
        return detail;
    }
}
