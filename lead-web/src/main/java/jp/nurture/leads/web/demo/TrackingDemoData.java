package jp.nurture.leads.web.demo;

import java.util.List;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.segment.Segments;
import jp.nurture.leads.core.tracking.TopicRules;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adds the tracking part of the demo once the main demo data exists: topic rules for the demo sites' pages, the
 * topics of the demo page views those rules name, and the preset dormant segment. Runs once (when no topic rule
 * exists yet), after every ApplicationRunner — so after {@link DemoData} has seeded.
 */
@Component
@Conditional(DemoDataWanted.class)
class TrackingDemoData {

    private static final long LOCK_KEY = 0x74726163_6b64656dL;
    private static final String[][] RULES = {{"/products/*", "製品"}, {"/pricing*", "価格"},
        {"/case-studies/*", "導入事例"}, {"/blog/*", "DX"}, {"/seminars*", "セミナー"}};

    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final ProductCatalog catalog;
    private final TopicRules topics;
    private final Segments segments;

    TrackingDemoData(TransactionTemplate tx, JdbcClient jdbc, ProductCatalog catalog, TopicRules topics,
            Segments segments) {
        this.tx = tx;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.topics = topics;
        this.segments = segments;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        tx.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK_KEY).query(Object.class).single();
            if (jdbc.sql("select count(*) from topic_rule").query(Long.class).single() > 0) {
                return;
            }
            List<Long> products = catalog.visibleTo(ProductScope.all()).stream()
                    .filter(p -> List.of("CLOUD-ACC", "FACTORY-IOT", "SFA-CLOUD").contains(p.getCode()))
                    .map(p -> p.getId()).toList();
            for (long product : products) {
                for (String[] rule : RULES) {
                    topics.add(product, rule[0], rule[1]);
                    // The demo's page views were recorded before the rules existed; tag them as the writer would.
                    jdbc.sql("""
                            update activity set detail = jsonb_set(detail, '{topics}',
                                coalesce(detail -> 'topics', '[]'::jsonb) || jsonb_build_array(cast(? as text)))
                            where type = 'PAGE_VIEWED' and product_id = ? and detail ->> 'url' like ?""")
                            .params(rule[1], product, rule[0].replace("*", "%")).update();
                }
            }
            if (!products.isEmpty()) {
                segments.create("休眠リード(180日)", Segments.dormant(180), null);
            }
        });
    }
}
