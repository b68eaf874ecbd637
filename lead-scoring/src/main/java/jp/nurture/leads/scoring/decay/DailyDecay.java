package jp.nurture.leads.scoring.decay;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import jp.nurture.leads.scoring.engine.ModelStore;
import jp.nurture.leads.scoring.engine.ScoreEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Once a day, rescores every product set-based so windows close and half-lives take effect. Safe with two app
 * instances: each product is claimed under a transaction-scoped advisory lock (the other instance skips it) and
 * the day's run is recorded in {@code scoring_decay_run}, so a product is decayed at most once a day.
 */
@Component
public class DailyDecay {

    private static final Logger log = LoggerFactory.getLogger(DailyDecay.class);
    private static final int LOCK_SPACE = 7302;

    private final JdbcClient jdbc;
    private final ModelStore models;
    private final ScoreEngine engine;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DailyDecay(JdbcClient jdbc, ModelStore models, ScoreEngine engine, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.models = models;
        this.engine = engine;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(cron = "${leads.scoring.decay-cron:0 30 3 * * *}")
    void nightly() {
        int products = run();
        log.info("Daily score decay rescored {} products", products);
    }

    /** Decays every active product not yet decayed today; returns how many this call rescored. */
    public int run() {
        LocalDate today = LocalDate.now(clock);
        List<Long> products = jdbc.sql("select id from product where active order by id").query(Long.class).list();
        int done = 0;
        for (long product : products) {
            Boolean ran = transactions.execute(tx -> {
                boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(?, cast(? as int))")
                        .params(LOCK_SPACE, product).query(Boolean.class).single();
                if (!locked) {
                    return false;
                }
                boolean already = jdbc.sql("select exists (select 1 from scoring_decay_run where product_id = ? and run_on = ?)")
                        .params(product, today).query(Boolean.class).single();
                if (already) {
                    return false;
                }
                ScoreEngine.Outcome outcome = engine.rescoreProduct(models.active(product));
                jdbc.sql("insert into scoring_decay_run (product_id, run_on, leads) values (?, ?, ?)")
                        .params(product, today, outcome.changed()).update();
                return true;
            });
            if (Boolean.TRUE.equals(ran)) {
                done++;
            }
        }
        return done;
    }
}
