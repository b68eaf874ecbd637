package jp.nurture.leads.web.demo;

import jp.nurture.leads.core.consent.EmailTypes;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductScope;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives the demo products their email types and the demo people a realistic mix of consents: web leads opted in
 * to the newsletter and case studies of their product, exhibition and seminar leads handed over a business card,
 * and a few withdrew from the newsletter. Runs once (until a demo consent exists), after {@link DemoData}.
 */
@Component
@Conditional(DemoDataWanted.class)
class ConsentDemoData {

    private static final long LOCK_KEY = 0x636f6e73_656e7464L;

    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final ProductCatalog catalog;
    private final EmailTypes emailTypes;

    ConsentDemoData(TransactionTemplate tx, JdbcClient jdbc, ProductCatalog catalog, EmailTypes emailTypes) {
        this.tx = tx;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.emailTypes = emailTypes;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        tx.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK_KEY).query(Object.class).single();
            // Other data may hold consents already (a shared test database); the demo's own carry a marked source.
            if (jdbc.sql("select count(*) from consent where source like 'デモ:%'").query(Long.class).single() > 0
                    || jdbc.sql("select count(*) from lead").query(Long.class).single() == 0) {
                return;
            }
            catalog.visibleTo(ProductScope.all()).forEach(p -> emailTypes.addStarterTypes(p.getId()));
            String grant = """
                    insert into consent (person_id, email_type_id, status, basis, source, recorded_at)
                    select distinct on (l.person_id, t.id) l.person_id, t.id, 'GRANTED', ?, ?, l.created_at
                    from lead l join person p on p.id = l.person_id
                    join email_type t on t.product_id = l.product_id and t.code = any(?)
                    where p.email is not null and l.source_channel = any(?)
                    on conflict do nothing""";
            String[] web = {"WEB_FORM", "INQUIRY", "DOCUMENT_DOWNLOAD", "WHITE_PAPER", "WEBINAR", "OWNED_MEDIA"};
            String[] met = {"EXHIBITION", "SEMINAR", "REFERRAL", "IMPORT"};
            jdbc.sql(grant).params("OPT_IN", "デモ: Webフォームでの同意",
                    new String[] {"NEWSLETTER", "CASE_STUDY", "SEMINAR"}, web).update();
            jdbc.sql(grant).params("BUSINESS_CARD", "デモ: 展示会・セミナーでの名刺交換",
                    new String[] {"NEWSLETTER", "SEMINAR"}, met).update();
            // Every tenth person has since unsubscribed from a newsletter.
            jdbc.sql("""
                    update consent c set status = 'WITHDRAWN', source = 'デモ: 配信停止リンク', recorded_at = now()
                    from email_type t where t.id = c.email_type_id and t.code = 'NEWSLETTER' and c.person_id % 10 = 0
                      and c.source like 'デモ:%'""")
                    .update();
            jdbc.sql("""
                    insert into consent_history (person_id, email_type_id, status, basis, source, recorded_at)
                    select person_id, email_type_id, status, basis, source, recorded_at from consent
                    where source like 'デモ:%'""").update();
        });
    }
}
