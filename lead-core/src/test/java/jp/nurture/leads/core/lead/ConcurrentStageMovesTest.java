package jp.nurture.leads.core.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.nurture.leads.core.party.People;
import jp.nurture.leads.core.party.Person;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.product.TargetDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;

/**
 * Two people (or two app instances) move the same card at the same moment from the same version: exactly one
 * move wins, the other is refused as a conflict, and the timeline records one change.
 */
@SpringBootTest
class ConcurrentStageMovesTest {

    @Autowired LeadService leads;
    @Autowired ProductCatalog catalog;
    @Autowired People people;
    @Autowired JdbcClient jdbc;

    @Test
    void exactlyOneOfTwoSimultaneousMovesWins() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Product product = catalog.create("R" + tag, "同時更新", TargetDefinition.any());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                Person person = people.save(new Person("同時 " + round + tag, null, null));
                Lead lead = leads.open(person.getId(), product.getId(), Channel.WEB_FORM, null, null, null);
                long version = leads.get(lead.getId(), ProductScope.all()).getVersion();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> results = new ArrayList<>();
                for (Stage target : List.of(Stage.WORKING_UNTOUCHED, Stage.WORKING_CONNECTED)) {
                    Callable<String> move = () -> {
                        start.await();
                        try {
                            leads.moveStage(lead.getId(), version, target, null, null, ProductScope.all());
                            return "moved";
                        } catch (ConcurrentLeadChange | ObjectOptimisticLockingFailureException e) {
                            return "conflict";
                        }
                    };
                    results.add(pool.submit(move));
                }
                start.countDown();
                List<String> outcomes = List.of(results.get(0).get(), results.get(1).get());

                assertThat(outcomes).containsExactlyInAnyOrder("moved", "conflict");
                assertThat(jdbc.sql("select count(*) from activity where lead_id = ? and type = 'STAGE_CHANGED'")
                        .param(lead.getId()).query(Long.class).single()).isEqualTo(1L);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
