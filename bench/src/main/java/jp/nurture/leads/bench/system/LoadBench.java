package jp.nurture.leads.bench.system;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.LeadsApplication;
import jp.nurture.leads.bench.BenchClient;
import jp.nurture.leads.bench.Wrk;
import jp.nurture.leads.bench.tracking.IngestBench;
import jp.nurture.leads.core.tracking.HitBuffer;
import jp.nurture.leads.core.tracking.VisitorIdentity;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Sustained load at 1M leads: wrk for bench.seconds (60) each against the lead list of a product (signed in as an
 * admin, the session cookie passed to wrk), the lead list searched by name, the stage board, and the tracking
 * endpoint, beside /t/noop (same app and filters, no work) in the same run. Prints rate, p50 and p99 per target,
 * and the errors: socket errors and answers ≥ 400 as wrk counts them, a signed-in check before and after each run
 * (wrk does not count a redirect to the login page as an error), and accepted hits = stored rows.
 *
 * <p>Runs on the DashboardBench's database (1M leads / 20M activities; run that bench first to generate it), in
 * SPRING_DATASOURCE_URL. Settings: bench.seconds (60), bench.connections (16).
 */
public final class LoadBench {

    private LoadBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 60);
        int connections = Integer.getInteger("bench.connections", 16);
        ConfigurableApplicationContext app = SpringApplication.run(LeadsApplication.class,
                "--server.port=0", "--leads.demo-data.enabled=false", "--leads.report.refresh-delay=PT10M",
                // All of wrk's load comes from one address, which the per-address limit would rightly stop.
                "--leads.rate-limit.enabled=false", "--spring.main.banner-mode=off", "--logging.level.root=WARN");
        try {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            long leads = jdbc.sql("select count(*) from lead").query(Long.class).single();
            if (leads < 1_000_000) {
                throw new IllegalStateException("the database holds " + leads + " leads: run DashboardBench first");
            }
            long product = jdbc.sql("select min(id) from product where code like 'BENCH-%'").query(Long.class).single();
            String password = "bench-" + System.nanoTime();
            jdbc.sql("delete from app_user where username = 'bench-load'").update();
            long user = jdbc.sql("""
                    insert into app_user (username, display_name, password_hash) values ('bench-load', 'ベンチ', ?)
                    returning id""").param(app.getBean(PasswordEncoder.class).encode(password))
                    .query(Long.class).single();
            jdbc.sql("insert into user_role (user_id, role) values (?, 'ADMIN')").param(user).update();
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            BenchClient client = new BenchClient(base);
            client.signIn("bench-load", password);
            String session = client.cookieHeader();
            HitBuffer buffer = app.getBean(HitBuffer.class);
            Path hits = IngestBench.hitScript(jdbc, app.getBean(VisitorIdentity.class), product);

            Map<String, List<String>> targets = new LinkedHashMap<>();
            targets.put("reference: /t/noop", List.of(base + "/t/noop"));
            targets.put("lead list (product)", List.of("-H", "Cookie: " + session, base + "/leads?product=" + product));
            targets.put("lead list, name search", List.of("-H", "Cookie: " + session,
                    base + "/leads?product=" + product + "&q=" + URLEncoder.encode("太郎12345", StandardCharsets.UTF_8)));
            targets.put("stage board (product)", List.of("-H", "Cookie: " + session, base + "/board?product=" + product));
            targets.put("tracking POST /t/hit", List.of("-s", hits.toString(), base + "/t/hit"));

            long rowsBefore = IngestBench.pageViews(jdbc);
            long acceptedBefore = buffer.accepted();
            System.out.printf("%d leads; %d s per target, %d connections, 2 wrk threads%n", leads, seconds, connections);
            System.out.printf("%-26s %10s %9s %9s %10s %8s %8s %s%n", "target", "req/s", "p50 ms", "p99 ms",
                    "requests", ">=400", "socket", "signed in before/after");
            for (Map.Entry<String, List<String>> target : targets.entrySet()) {
                boolean before = client.get("/leads") == 200;
                List<String> command = new ArrayList<>(List.of("-t2", "-c" + connections, "-d" + seconds + "s",
                        "--latency"));
                command.addAll(target.getValue());
                Wrk.Result r = Wrk.run(command);
                boolean after = client.get("/leads") == 200;
                System.out.printf("%-26s %,10.0f %9.1f %9.1f %,10d %8d %8d %s/%s%n", target.getKey(), r.rate(), r.p50(),
                        r.p99(), r.requests(), r.non2xx(), r.socketErrors(), before, after);
            }
            buffer.flush();
            long stored = IngestBench.pageViews(jdbc) - rowsBefore;
            long accepted = buffer.accepted() - acceptedBefore;
            System.out.printf("page views accepted %,d, stored %,d -> %s%n", accepted, stored,
                    accepted == stored ? "every accepted hit stored" : "MISMATCH");
            jdbc.sql("delete from user_role where user_id = ?").param(user).update();
            jdbc.sql("delete from app_user where id = ?").param(user).update();
        } finally {
            app.close();
        }
    }
}
