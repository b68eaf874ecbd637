package jp.nurture.leads.web.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.nurture.leads.core.lead.LeadBecameHot;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.product.TargetDefinition;
import jp.nurture.leads.routing.RoutingDecision;
import jp.nurture.leads.routing.RoutingService;
import jp.nurture.leads.routing.RoutingSettings;
import jp.nurture.leads.routing.RoutingSetup;
import jp.nurture.leads.routing.Strategy;
import jp.nurture.leads.routing.TargetKind;
import jp.nurture.leads.routing.Trigger;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Routing against the real database: one owner under concurrency, failures kept and retried, hot routing. */
@LeadsWebTest
class RoutingServiceTest {

    @Autowired RoutingService routing;
    @Autowired RoutingSetup setup;
    @Autowired RoutingFixtures fixtures;
    @Autowired ProductCatalog catalog;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired ApplicationEventPublisher events;

    @Test
    void aLeadLockedByAnotherWriterWhenRoutingStartsIsRoutedOnceTheLockIsReleased() throws Exception {
        String product = fixtures.isolatedProduct(Strategy.ROUND_ROBIN, "field-kanto");
        long lead = fixtures.lead(product, Prefecture.TOKYO, Industry.FINANCE, null, Stage.WORKING_CONNECTED);
        jdbc.sql("update lead set stage = 'CONVERTED' where id = ?").param(lead).update();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // Another writer (scoring rescoring the lead right after its stage change) holds the row for a moment.
            Future<?> writer = pool.submit(() -> tx.executeWithoutResult(s -> {
                jdbc.sql("select id from lead where id = ? for no key update").param(lead).query(Long.class).single();
                locked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            locked.await();
            Future<RoutingService.Outcome> routed = pool.submit(() -> routing.route(List.of(lead), Trigger.CONVERTED, false));
            Thread.sleep(300);
            assertThat(routed.isDone()).isFalse();
            release.countDown();
            writer.get();
            assertThat(routed.get().handOffIds()).hasSize(1);
        } finally {
            release.countDown();
            pool.shutdown();
        }
        assertThat(jdbc.sql("select count(*) from hand_off where lead_id = ? and status = 'OPEN'").param(lead)
                .query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void twoInstancesRoutingTheSameLeadsAtOnceGiveEachLeadExactlyOneOwner() throws Exception {
        String product = fixtures.isolatedProduct(Strategy.ROUND_ROBIN, "field-kanto", "field-kanto2", "field-chubu");
        List<Long> leads = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            leads.add(fixtures.lead(product, i % 2 == 0 ? Prefecture.TOKYO : Prefecture.AICHI, Industry.FINANCE,
                    null, Stage.WORKING_CONNECTED));
        }
        // Converted behind routing's back, so both "instances" find the leads unrouted at the same moment.
        jdbc.sql("update lead set stage = 'CONVERTED' where id = any(?)").param(leads.toArray(Long[]::new)).update();
        CountDownLatch start = new CountDownLatch(1);
        Callable<RoutingService.Outcome> instance = () -> {
            start.await();
            return routing.route(leads, Trigger.CONVERTED, false);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<RoutingService.Outcome> a = pool.submit(instance);
            Future<RoutingService.Outcome> b = pool.submit(instance);
            start.countDown();
            int routed = a.get().handOffIds().size() + b.get().handOffIds().size();
            assertThat(routed).isEqualTo(40);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql("""
                select count(*) from hand_off where lead_id = any(?) and status = 'OPEN'
                group by lead_id having count(*) > 1""").param(leads.toArray(Long[]::new)).query(Long.class).list())
                .isEmpty();
        assertThat(jdbc.sql("select count(distinct lead_id) from hand_off where lead_id = any(?)")
                .param(leads.toArray(Long[]::new)).query(Long.class).single()).isEqualTo(40);
        // Round robin across both instances still spreads evenly: the team row is the turn, taken under a lock.
        assertThat(jdbc.sql("select count(*) from hand_off where lead_id = any(?) group by owner_id")
                .param(leads.toArray(Long[]::new)).query(Long.class).list()).containsExactlyInAnyOrder(14L, 13L, 13L);
        // Routing the same leads again finds them in flight and gives nobody a second owner.
        assertThat(routing.route(leads, Trigger.CONVERTED, false).handOffIds()).isEmpty();
    }

    @Test
    void aLeadNobodyCanTakeIsKeptAsAFailureAndRoutedOnRetryOnceARuleExists() {
        String code = fixtures.isolatedProduct(null, "field-kinki");
        long product = fixtures.productId(code);
        long lead = fixtures.lead(code, Prefecture.HOKKAIDO, Industry.IT, "field", Stage.CONVERTED);
        // The product has no rule, no fallback and account owner first switched off: nobody can take the lead.
        assertThat(jdbc.sql("select count(*) from hand_off where lead_id = ?").param(lead).query(Long.class).single())
                .isZero();
        RoutingService.Outcome outcome = routing.route(List.of(lead), Trigger.CONVERTED, false);
        assertThat(outcome.unrouted()).containsExactly(lead);
        assertThat(routing.openFailures(ProductScope.all())).anySatisfy(f -> {
            assertThat(f.leadId()).isEqualTo(lead);
            assertThat(f.problem()).contains("NOBODY");
        });

        long team = fixtures.teamOf(code);
        setup.addRule(new RoutingSetup.NewRule(product, "全国", null, Set.of(), Set.of(), Set.of(), null, null, null,
                TargetKind.TEAM, null, team, Strategy.LEAST_LOADED));
        RoutingDecision preview = routing.preview(lead, ProductScope.all());
        assertThat(preview.ruleName()).isEqualTo("全国");
        assertThat(routing.retryFailures(true)).isGreaterThanOrEqualTo(1);
        assertThat(routing.openFailures(ProductScope.all())).noneMatch(f -> f.leadId() == lead);
        long handOff = jdbc.sql("select id from hand_off where lead_id = ? and status = 'OPEN'").param(lead)
                .query(Long.class).single();
        // An existing customer's lead given to someone else: the account owner is informed, not made an owner.
        assertThat(jdbc.sql("select count(*) from account_notice where hand_off_id = ? and account_owner_id = ?")
                .params(handOff, fixtures.userId("field")).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("""
                select detail ->> 'rule' from activity
                where lead_id = ? and type = 'ROUTED' and (detail ->> 'handOff')::bigint = ?""")
                .params(lead, handOff).query(String.class).single()).isEqualTo("全国");
    }

    @Test
    void aHotLeadIsRoutedDirectlyWhereTheProductSaysSo() {
        String hotProduct = fixtures.isolatedProduct(Strategy.CAPACITY_WEIGHTED, "field-kanto");
        setup.saveSettings(new RoutingSettings(fixtures.productId(hotProduct), true, true, null, 2, false, List.of()));
        String waitProduct = fixtures.isolatedProduct(Strategy.CAPACITY_WEIGHTED, "field-kanto");
        long sfa = fixtures.lead(hotProduct, Prefecture.SAITAMA, Industry.IT, null, Stage.WORKING_UNTOUCHED);
        long acc = fixtures.lead(waitProduct, Prefecture.SAITAMA, Industry.IT, null, Stage.WORKING_UNTOUCHED);
        for (long lead : List.of(sfa, acc)) {
            long product = jdbc.sql("select product_id from lead where id = ?").param(lead).query(Long.class).single();
            tx.executeWithoutResult(s -> events.publishEvent(new LeadBecameHot(lead, product, 500, 400, Instant.now())));
        }
        assertThat(jdbc.sql("select trigger || ':' || rule_name from hand_off where lead_id = ?").param(sfa)
                .query(String.class).single()).isEqualTo("HOT:全国");
        assertThat(jdbc.sql("select count(*) from hand_off where lead_id = ?").param(acc).query(Long.class).single())
                .isZero();
        assertThat(fixtures.stage(sfa)).isEqualTo("WORKING_UNTOUCHED");
    }
}
