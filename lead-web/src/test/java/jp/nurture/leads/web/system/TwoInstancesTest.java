package jp.nurture.leads.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jp.nurture.leads.LeadsApplication;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.routing.RoutingService;
import jp.nurture.leads.routing.RoutingService.Escalation;
import jp.nurture.leads.scoring.decay.DailyDecay;
import jp.nurture.leads.web.LeadsWebTest;
import jp.nurture.leads.web.routing.RoutingFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Three instances of the app on one database — this test's own and two more started beside it — run the
 * scheduled jobs at the same moment, repeatedly: every overdue hand-off is escalated by exactly one of them, and
 * each product's daily decay runs exactly once.
 */
@LeadsWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest {

    @Autowired Environment env;
    @Autowired JdbcClient jdbc;
    @Autowired RoutingFixtures fixtures;
    @Autowired RoutingService routing;
    @Autowired DailyDecay decay;

    private final List<ConfigurableApplicationContext> others = new ArrayList<>();

    @BeforeAll
    void startTwoMoreInstances() {
        for (int i = 0; i < 2; i++) {
            others.add(new SpringApplicationBuilder(LeadsApplication.class).run(
                    "--spring.datasource.url=" + env.getProperty("spring.datasource.url"),
                    "--spring.datasource.username=" + env.getProperty("spring.datasource.username"),
                    "--spring.datasource.password=" + env.getProperty("spring.datasource.password"),
                    "--server.port=0", "--leads.demo-data.enabled=false", "--spring.main.banner-mode=off"));
        }
    }

    @AfterAll
    void stopThem() {
        others.forEach(ConfigurableApplicationContext::close);
    }

    /** Runs the job on all three instances at once, rounds times each, and returns every instance's results. */
    private <T> List<T> everywhereAtOnce(int rounds, List<Callable<List<T>>> jobs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(jobs.size());
        try {
            List<T> results = Collections.synchronizedList(new ArrayList<>());
            for (int round = 0; round < rounds; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<T>>> running = new ArrayList<>();
                for (Callable<List<T>> job : jobs) {
                    running.add(pool.submit(() -> {
                        start.await();
                        return job.call();
                    }));
                }
                start.countDown();
                for (Future<List<T>> f : running) {
                    results.addAll(f.get(2, TimeUnit.MINUTES));
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyOverdueHandOffIsEscalatedByExactlyOneInstance() throws Exception {
        List<Long> leads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            leads.add(fixtures.lead("CLOUD-ACC", Prefecture.TOKYO, Industry.IT, null, Stage.CONVERTED));
        }
        List<Long> handOffs = jdbc.sql("""
                update hand_off set due_at = now() - interval '1 day'
                where lead_id = any(?) and status = 'OPEN' returning id""")
                .param(leads.toArray(Long[]::new)).query(Long.class).list();
        assertThat(handOffs).hasSize(leads.size());

        List<Callable<List<Escalation>>> jobs = new ArrayList<>();
        jobs.add(routing::escalateOverdue);
        for (ConfigurableApplicationContext other : others) {
            RoutingService theirs = other.getBean(RoutingService.class);
            jobs.add(theirs::escalateOverdue);
        }
        List<Long> escalated = everywhereAtOnce(4, jobs).stream().map(Escalation::handOffId)
                .filter(handOffs::contains).toList();

        assertThat(escalated).containsExactlyInAnyOrderElementsOf(handOffs);
        assertThat(jdbc.sql("select count(*) from hand_off where id = any(?) and escalated_at is not null")
                .param(handOffs.toArray(Long[]::new)).query(Long.class).single()).isEqualTo(handOffs.size());
    }

    @Test
    void eachProductDecaysOncePerDayWhicheverInstanceGetsThere() throws Exception {
        jdbc.sql("delete from scoring_decay_run where run_on = current_date").update();
        long products = jdbc.sql("select count(*) from product where active").query(Long.class).single();

        List<Callable<List<Integer>>> jobs = new ArrayList<>();
        jobs.add(() -> List.of(decay.run()));
        for (ConfigurableApplicationContext other : others) {
            DailyDecay theirs = other.getBean(DailyDecay.class);
            jobs.add(() -> List.of(theirs.run()));
        }
        int decayed = everywhereAtOnce(3, jobs).stream().mapToInt(Integer::intValue).sum();

        assertThat(decayed).isEqualTo(products);
        assertThat(jdbc.sql("select count(*) from scoring_decay_run where run_on = current_date")
                .query(Long.class).single()).isEqualTo(products);
    }
}
