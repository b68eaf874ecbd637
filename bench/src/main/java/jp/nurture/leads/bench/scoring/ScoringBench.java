package jp.nurture.leads.bench.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.nurture.leads.LeadsApplication;
import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.activity.NewActivity;
import jp.nurture.leads.scoring.ModelSaved;
import jp.nurture.leads.scoring.ScoringModels;
import jp.nurture.leads.scoring.model.Criterion;
import jp.nurture.leads.scoring.model.HotRule;
import jp.nurture.leads.scoring.model.ModelDraft;
import jp.nurture.leads.scoring.model.ScoringRule;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scoring at volume: one product with 1,000,000 leads and 20,000,000 activities (generated set-based in SQL, see
 * {@link BenchData}), then (1) the full rescore of the product after a model change, beside a plain aggregate of
 * the same activities and a plain UPDATE of the same leads; (2) the latency from an activity's commit until its
 * lead's new score is visible, under a stream of 1,000 activities per second, beside the writer's own commit time.
 *
 * <p>Run: {@code SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/leads_scoring_bench
 * SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=postgres ./mvnw -q -pl bench -am exec:java
 * -Dbench.main=jp.nurture.leads.bench.scoring.ScoringBench} (the database must exist; data is generated once and
 * reused). Options: {@code -Dbench.rescores=3 -Dbench.streamSeconds=30 -Dbench.rate=1000}.
 */
public final class ScoringBench {

    private ScoringBench() {
    }

    public static void main(String[] args) throws Exception {
        int rescores = Integer.getInteger("bench.rescores", 3);
        int streamSeconds = Integer.getInteger("bench.streamSeconds", 30);
        int rate = Integer.getInteger("bench.rate", 1000);
        // System properties outrank application.properties (which sets server.port from PORT).
        System.setProperty("server.port", "0");
        System.setProperty("leads.demo-data.enabled", "false");
        System.setProperty("logging.level.root", "WARN");
        System.setProperty("spring.datasource.hikari.maximum-pool-size", "12");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LeadsApplication.class).run(args)) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            BenchData data = new BenchData(jdbc, app.getBean(TransactionTemplate.class));
            long product = data.ensure();
            long leads = jdbc.sql("select count(*) from lead where product_id = ?").param(product).query(Long.class).single();
            long activities = jdbc.sql("select count(*) from activity where product_id = ?").param(product)
                    .query(Long.class).single();
            System.out.printf("Data: 1 product, %,d leads, %,d activities (PostgreSQL %s)%n", leads, activities,
                    jdbc.sql("show server_version").query(String.class).single());

            ScoringModels models = app.getBean(ScoringModels.class);
            fullRescore(jdbc, app.getBean(TransactionTemplate.class), models, product, rescores);
            stream(jdbc, app.getBean(ActivityLog.class), app.getBean(TransactionTemplate.class), data, product,
                    streamSeconds, rate);
        }
        System.exit(0);
    }

    /** A model like the seed table plus a rule no generated activity triggers, so streamed seminars always score. */
    static ModelDraft model(int itPoints) {
        List<ScoringRule> rules = new ArrayList<>(ModelDraft.seed().rules());
        rules.set(3, ScoringRule.fit(Criterion.INDUSTRY, "IT", itPoints));
        rules.add(ScoringRule.engagement(Criterion.SEMINAR_ATTENDED, null, 1, 365, 30, 4));
        rules.add(ScoringRule.engagement(Criterion.EMAIL_CLICKED, null, 2, 90, 30, 3));
        return new ModelDraft(rules, HotRule.separate(15, 8), 10, "bench");
    }

    private static void fullRescore(JdbcClient jdbc, TransactionTemplate tx, ScoringModels models, long product,
            int runs) {
        long[] aggregate = new long[runs];
        long[] update = new long[runs];
        long[] rescore = new long[runs];
        int[] changed = new int[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            jdbc.sql("select lead_id, type, count(*), max(occurred_at) from activity where product_id = ? group by 1, 2")
                    .param(product).query((rs, n) -> null).list().size();
            aggregate[i] = System.nanoTime() - t0;

            t0 = System.nanoTime();
            tx.executeWithoutResult(s -> jdbc.sql("update lead set score = fit_score + engagement_score where product_id = ?")
                    .param(product).update());
            update[i] = System.nanoTime() - t0;

            t0 = System.nanoTime();
            // Alternate two models so every run really changes scores.
            ModelSaved saved = models.save(product, model(i % 2 == 0 ? 7 : 5), null);
            rescore[i] = System.nanoTime() - t0;
            changed[i] = saved.leadsChanged();
            System.out.printf("  run %d: rescore %.1f s (%,d leads changed, %,d became hot); aggregate %.1f s; update %.1f s%n",
                    i + 1, rescore[i] / 1e9, saved.leadsChanged(), saved.becameHot(), aggregate[i] / 1e9, update[i] / 1e9);
        }
        double r = median(rescore) / 1e9;
        double a = median(aggregate) / 1e9;
        double u = median(update) / 1e9;
        System.out.printf("Full rescore of one product (1M leads / 20M activities): median %.1f s (goal <= 30 s)%n", r);
        System.out.printf("  reference, same run: plain aggregate of the same activities %.1f s (ratio %.2f), "
                + "plain UPDATE of the same leads %.1f s (ratio %.2f)%n", a, r / a, u, r / u);
    }

    private static void stream(JdbcClient jdbc, ActivityLog log, TransactionTemplate tx, BenchData data, long product,
            int seconds, int rate) throws InterruptedException {
        int batch = Math.max(1, rate / 20); // a batch every 50 ms, as an ingest buffer writes
        long[] fresh = data.leadsWithoutSeminar(product, seconds * rate);
        Map<Long, Integer> expected = new ConcurrentHashMap<>();
        Map<Long, Long> committedAt = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> commits = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (writing.get() || !committedAt.isEmpty()) {
                Long[] pending = committedAt.keySet().toArray(Long[]::new);
                if (pending.length > 0) {
                    long seen = System.nanoTime();
                    jdbc.sql("select id, engagement_score from lead where id = any(?)").param(pending)
                            .query((rs, n) -> {
                                long id = rs.getLong(1);
                                if (rs.getInt(2) >= expected.get(id)) {
                                    Long at = committedAt.remove(id);
                                    if (at != null) {
                                        latencies.add(seen - at);
                                    }
                                }
                                return null;
                            }).list();
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "watcher");
        watcher.start();
        long start = System.nanoTime();
        int next = 0;
        int batches = seconds * 20;
        for (int b = 0; b < batches; b++) {
            long due = start + b * 50_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            List<NewActivity> events = new ArrayList<>(batch);
            Map<Long, Integer> before = new HashMap<>();
            long[] ids = Arrays.copyOfRange(fresh, next, next + batch);
            next += batch;
            jdbc.sql("select id, engagement_score from lead where id = any(?)")
                    .param(Arrays.stream(ids).boxed().toArray(Long[]::new))
                    .query((rs, n) -> before.put(rs.getLong(1), rs.getInt(2))).list();
            Instant now = Instant.now();
            for (long id : ids) {
                events.add(new NewActivity(id, product, ActivityType.SEMINAR_ATTENDED, now, null, Map.of("bench", true)));
                expected.put(id, before.get(id) + 4);
            }
            long t0 = System.nanoTime();
            tx.executeWithoutResult(s -> log.recordAll(events));
            long t1 = System.nanoTime();
            commits.add(t1 - t0);
            for (long id : ids) {
                committedAt.put(id, t1);
            }
        }
        double achieved = next / ((System.nanoTime() - start) / 1e9);
        writing.set(false);
        watcher.join(60_000);
        long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] c = commits.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("Event-driven update: %,d activities at %.0f/s for %d s, %,d seen rescored, %,d not seen%n",
                next, achieved, seconds, l.length, committedAt.size());
        System.out.printf("  latency commit -> new score visible: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms "
                + "(goal p95 <= 1000 ms)%n", pct(l, 50) / 1e6, pct(l, 95) / 1e6, pct(l, 99) / 1e6,
                l.length == 0 ? 0 : l[l.length - 1] / 1e6);
        System.out.printf("  reference, same run: writing a batch of %d activities + commit p50 %.0f ms, p95 %.0f ms%n",
                batch, pct(c, 50) / 1e6, pct(c, 95) / 1e6);
    }

    static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static long median(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
