package jp.nurture.leads.bench.report;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import jp.nurture.leads.LeadsApplication;
import jp.nurture.leads.bench.BenchClient;
import jp.nurture.leads.bench.tracking.SegmentBench;
import jp.nurture.leads.core.report.ReportRollup;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Dashboards, lead list and stage board at 1M leads / 20M activities, over HTTP on loopback as a signed-in admin.
 *
 * <p>Data: the segment bench's generator ({@link SegmentBench#generate}: 3 products, 1M leads, 20M activities over two
 * years), plus a pipeline history written set-based here — stage changes for 20% of the leads, hot / routed /
 * accepted or returned / won or lost for 4% — then the rollups are rebuilt from scratch (timed). Later runs reuse
 * the data. Then a fixed mix of requests, {@code -Dbench.rounds} (default 60) after 5 warm-up rounds, and p50 / p95
 * per page beside {@code /t/noop} (the same app and filters, no work) measured in the same rounds.
 *
 * <p>Needs a PostgreSQL database of its own in SPRING_DATASOURCE_URL (about 6 GB).
 */
public final class DashboardBench {

    private static final int LEADS = 1_000_000;

    private DashboardBench() {
    }

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext app = SpringApplication.run(LeadsApplication.class,
                "--server.port=0", "--leads.demo-data.enabled=false", "--leads.report.refresh-delay=PT10M",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN");
        try {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            if (jdbc.sql("select count(*) from lead").query(Long.class).single() < LEADS) {
                long started = System.nanoTime();
                try (Connection connection = app.getBean(DataSource.class).getConnection()) {
                    connection.setAutoCommit(true);
                    SegmentBench.generate(JdbcClient.create(new SingleConnectionDataSource(connection, true)));
                }
                pipeline(jdbc);
                System.out.printf("generated in %.0f s%n", (System.nanoTime() - started) / 1e9);
                long rebuilt = System.nanoTime();
                int days = app.getBean(ReportRollup.class).rebuild();
                System.out.printf("rollups rebuilt from scratch: %,d product-days in %.1f s%n", days,
                        (System.nanoTime() - rebuilt) / 1e9);
            }
            ReportRollup rollup = app.getBean(ReportRollup.class);
            long refresh = System.nanoTime();
            rollup.refreshNow();
            System.out.printf("incremental refresh (nothing or little dirty) + lead snapshot: %.2f s%n",
                    (System.nanoTime() - refresh) / 1e9);
            long product = jdbc.sql("select min(id) from product where code like 'BENCH-%'").query(Long.class).single();
            System.out.printf("data: %,d leads, %,d activities; product %d has %,d leads%n",
                    jdbc.sql("select count(*) from lead").query(Long.class).single(),
                    jdbc.sql("select count(*) from activity").query(Long.class).single(), product,
                    jdbc.sql("select count(*) from lead where product_id = ?").param(product).query(Long.class).single());

            String password = "bench-" + System.nanoTime();
            jdbc.sql("delete from app_user where username = 'bench-admin'").update();
            long user = jdbc.sql("""
                    insert into app_user (username, display_name, password_hash) values ('bench-admin', 'ベンチ', ?)
                    returning id""").param(app.getBean(PasswordEncoder.class).encode(password))
                    .query(Long.class).single();
            jdbc.sql("insert into user_role (user_id, role) values (?, 'ADMIN')").param(user).update();
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            BenchClient client = new BenchClient("http://127.0.0.1:" + port);
            client.signIn("bench-admin", password);

            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("reference: /t/noop (no work)", "/t/noop");
            pages.put("company-wide, month", "/reports?period=month");
            pages.put("product dashboard, month", "/reports/products/" + product + "?period=month");
            pages.put("product dashboard, week", "/reports/products/" + product + "?period=week");
            pages.put("product dashboard, a year ago", "/reports/products/" + product + "?period=month&on="
                    + java.time.LocalDate.now().minusYears(1));
            pages.put("CSV of every panel", "/reports/products/" + product + "/export/all?period=month");
            pages.put("lead list (product)", "/leads?product=" + product);
            pages.put("stage board (product)", "/board?product=" + product);
            int rounds = Integer.getInteger("bench.rounds", 60);
            Map<String, List<Double>> times = new LinkedHashMap<>();
            pages.keySet().forEach(k -> times.put(k, new ArrayList<>()));
            for (int round = -5; round < rounds; round++) {
                for (Map.Entry<String, String> page : pages.entrySet()) {
                    long t0 = System.nanoTime();
                    int status = client.get(page.getValue());
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (status != 200 && status != 204) {
                        throw new IllegalStateException(page.getValue() + " answered " + status);
                    }
                    if (round >= 0) {
                        times.get(page.getKey()).add(ms);
                    }
                }
            }
            System.out.printf("%-34s %9s %9s   (%d requests each, sequential, loopback)%n", "page", "p50 ms",
                    "p95 ms", rounds);
            times.forEach((name, list) -> {
                List<Double> sorted = list.stream().sorted().toList();
                double p50 = sorted.get(sorted.size() / 2);
                double p95 = sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
                System.out.printf("%-34s %9.1f %9.1f%s%n", name, p50, p95, name.startsWith("reference") ? ""
                        : p95 <= 100 ? "   goal p95 <= 100 ms MET" : "   goal p95 <= 100 ms MISSED");
            });
            jdbc.sql("delete from user_role where user_id = ?").param(user).update();
            jdbc.sql("delete from app_user where id = ?").param(user).update();
        } finally {
            app.close();
        }
    }

    /** A pipeline history on the generated leads: stage changes, hot, hand-offs and their outcomes. */
    static void pipeline(JdbcClient jdbc) {
        jdbc.sql("""
                insert into activity (lead_id, product_id, type, occurred_at, detail)
                select l.id, l.product_id, e.type, now() - (l.id % 700) * interval '1 day' + e.after, e.detail
                from lead l
                cross join lateral (values
                    (1, 'STAGE_CHANGED', interval '2 days', '{"from": "NEW_LEAD", "to": "WORKING_UNTOUCHED"}'::jsonb),
                    (2, 'STAGE_CHANGED', interval '9 days', '{"from": "WORKING_UNTOUCHED", "to": "WORKING_CONNECTED"}'),
                    (3, 'BECAME_HOT', interval '12 days', '{}'),
                    (3, 'STAGE_CHANGED', interval '14 days', '{"from": "WORKING_CONNECTED", "to": "CONVERTED"}'),
                    (3, 'ROUTED', interval '14 days 1 hour', jsonb_build_object('handOff', l.id,
                        'due', to_char((now() - (l.id % 700) * interval '1 day' + interval '16 days')
                                       at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))),
                    (4, 'ACCEPTED', case when l.id % 3 = 0 then interval '17 days' else interval '15 days' end,
                        jsonb_build_object('handOff', l.id)),
                    (5, 'RETURNED', interval '15 days', jsonb_build_object('handOff', l.id, 'reason',
                        (array['予算なし', '時期尚早', '担当者不在', '競合決定'])[1 + l.id % 4])),
                    (6, 'WON', interval '40 days', jsonb_build_object('handOff', l.id, 'amountYen', 1000000 + l.id % 9000000)),
                    (7, 'LOST', interval '40 days', jsonb_build_object('handOff', l.id, 'reason', '価格')))
                    as e(step, type, after, detail)
                where l.product_id in (select id from product where code like 'BENCH-%')
                  and (e.step = 1 and l.id % 5 = 0 or e.step = 2 and l.id % 10 = 0 or e.step = 3 and l.id % 25 = 0
                       or e.step = 4 and l.id % 50 = 0 or e.step = 5 and l.id % 50 = 25
                       or e.step = 6 and l.id % 100 = 0 or e.step = 7 and l.id % 100 = 50)""").update();
        jdbc.sql("analyze activity").update();
    }
}
