package jp.nurture.leads.bench.tracking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.nurture.leads.LeadsApplication;
import jp.nurture.leads.bench.Wrk;
import jp.nurture.leads.core.tracking.HitBuffer;
import jp.nurture.leads.core.tracking.VisitorIdentity;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Page-view ingest under load: wrk on loopback against POST /t/hit (the tag's endpoint: bot check, privacy
 * signals, buffer, batched writes) and, as the reference in the same run, GET /t/noop of the same app (same
 * filters, no work). Three alternating rounds; prints each round and the medians, the ratio (goal ≥ 0.5) and p99
 * (goal ≤ 50 ms), then checks that every accepted hit (HTTP 204) became a row. 10% of the visitors are identified
 * as demo leads, so those hits go the lead's way (PAGE_VIEWED activities, ActivityRecorded events).
 *
 * <p>Needs {@code wrk} and a PostgreSQL database in SPRING_DATASOURCE_URL (the demo data is seeded if empty);
 * the app listens on PORT (default 8184). Settings: bench.seconds (15), bench.connections (64).
 */
public final class IngestBench {

    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8184"));
        int seconds = Integer.getInteger("bench.seconds", 15);
        int connections = Integer.getInteger("bench.connections", 64);
        ConfigurableApplicationContext app = SpringApplication.run(LeadsApplication.class,
                "--server.port=" + port, "--leads.demo-data.enabled=true", "--spring.main.banner-mode=off",
                // All of wrk's load comes from one address, which the per-address limit would rightly stop.
                "--leads.rate-limit.enabled=false",
                "--logging.level.root=WARN", "--server.tomcat.threads.max=64");
        try {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            HitBuffer buffer = app.getBean(HitBuffer.class);
            long product = jdbc.sql("select id from product order by id limit 1").query(Long.class).single();
            Path script = hitScript(jdbc, app.getBean(VisitorIdentity.class), product);
            String base = "http://127.0.0.1:" + port;
            Wrk.run(List.of("-t2", "-c" + connections, "-d3s", base + "/t/noop"));
            Wrk.run(List.of("-t2", "-c" + connections, "-d3s", "-s", script.toString(), base + "/t/hit"));
            buffer.flush();

            List<Double> noop = new ArrayList<>();
            List<Double> hit = new ArrayList<>();
            List<Double> noopP99 = new ArrayList<>();
            List<Double> hitP99 = new ArrayList<>();
            long accepted = 0;
            long refused = 0;
            long rowsBefore = pageViews(jdbc);
            long acceptedBefore = buffer.accepted();
            for (int round = 1; round <= 3; round++) {
                Wrk.Result n = Wrk.run(List.of("-t2", "-c" + connections, "-d" + seconds + "s", "--latency", base + "/t/noop"));
                Wrk.Result h = Wrk.run(List.of("-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "-s",
                        script.toString(), base + "/t/hit"));
                noop.add(n.rate());
                hit.add(h.rate());
                noopP99.add(n.p99());
                hitP99.add(h.p99());
                accepted += h.requests() - h.non2xx();
                refused += h.non2xx();
                System.out.printf("round %d: no-op %,.0f req/s (p99 %.1f ms) | page view %,.0f req/s (p99 %.1f ms, "
                        + "%,d answered 429)%n", round, n.rate(), n.p99(), h.rate(), h.p99(), h.non2xx());
            }
            buffer.flush();
            long stored = pageViews(jdbc) - rowsBefore;
            long counted = buffer.accepted() - acceptedBefore;
            double ratio = Wrk.median(hit) / Wrk.median(noop);
            System.out.printf("%nmedian no-op:     %,.0f req/s, p99 %.1f ms%n", Wrk.median(noop), Wrk.median(noopP99));
            System.out.printf("median page view: %,.0f req/s, p99 %.1f ms%n", Wrk.median(hit), Wrk.median(hitP99));
            System.out.printf("ratio page view / no-op: %.2f (goal >= 0.5) %s; p99 goal <= 50 ms %s%n", ratio,
                    ratio >= 0.5 ? "MET" : "MISSED", Wrk.median(hitP99) <= 50 ? "MET" : "MISSED");
            // wrk counts only the requests it completed inside its window; the server also accepted the few that
            // were in flight when it stopped, so the buffer's own count is the one that must equal the rows.
            System.out.printf("hits accepted by the buffer: %,d; rows stored: %,d -> %s (wrk saw %,d answered 204 "
                    + "within its windows, %,d answered 429)%n", counted, stored,
                    counted == stored ? "every accepted hit stored" : "MISMATCH", accepted, refused);
        } finally {
            app.close();
        }
    }

    /** Page-view rows: anonymous views plus the identified visitors' PAGE_VIEWED activities. */
    public static long pageViews(JdbcClient jdbc) {
        return jdbc.sql("""
                select (select count(*) from anonymous_page_view)
                     + (select count(*) from activity where type = 'PAGE_VIEWED')""").query(Long.class).single();
    }

    /** A wrk script posting page views of 2,000 visitors (10% identified as demo leads) over 50 pages. */
    public static Path hitScript(JdbcClient jdbc, VisitorIdentity identity, long product) throws IOException {
        List<Long> leads = jdbc.sql("select id from lead order by id limit 200").query(Long.class).list();
        List<String> visitors = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            UUID visitor = UUID.randomUUID();
            if (i < leads.size()) {
                identity.identify(visitor, leads.get(i));
            }
            visitors.add("\"" + visitor + "\"");
        }
        String lua = """
                local visitors = {%s}
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
                wrk.headers["User-Agent"] = "%s"
                local n = 0
                request = function()
                  n = n + 1
                  local body = "v=" .. visitors[(n %% #visitors) + 1] .. "&p=%d&u=https%%3A%%2F%%2Fexample.jp%%2Fproducts%%2Fpage-"
                    .. (n %% 50) .. "&t=Product+page&r=https%%3A%%2F%%2Fsearch.example%%2F"
                  return wrk.format(nil, nil, nil, body)
                end
                """.formatted(String.join(",", visitors), BROWSER, product);
        Path file = Files.createTempFile("page-view", ".lua");
        Files.writeString(file, lua, StandardCharsets.UTF_8);
        return file;
    }
}
