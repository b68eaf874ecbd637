package jp.nurture.leads.bench.tracking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.nurture.leads.LeadsApplication;
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
            run(List.of("-t2", "-c" + connections, "-d3s", base + "/t/noop"));
            run(List.of("-t2", "-c" + connections, "-d3s", "-s", script.toString(), base + "/t/hit"));
            buffer.flush();

            List<Double> noop = new ArrayList<>();
            List<Double> hit = new ArrayList<>();
            List<Double> noopP99 = new ArrayList<>();
            List<Double> hitP99 = new ArrayList<>();
            long accepted = 0;
            long refused = 0;
            long rowsBefore = rows(jdbc);
            long acceptedBefore = buffer.accepted();
            for (int round = 1; round <= 3; round++) {
                Result n = run(List.of("-t2", "-c" + connections, "-d" + seconds + "s", "--latency", base + "/t/noop"));
                Result h = run(List.of("-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "-s",
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
            long stored = rows(jdbc) - rowsBefore;
            long counted = buffer.accepted() - acceptedBefore;
            double ratio = median(hit) / median(noop);
            System.out.printf("%nmedian no-op:     %,.0f req/s, p99 %.1f ms%n", median(noop), median(noopP99));
            System.out.printf("median page view: %,.0f req/s, p99 %.1f ms%n", median(hit), median(hitP99));
            System.out.printf("ratio page view / no-op: %.2f (goal >= 0.5) %s; p99 goal <= 50 ms %s%n", ratio,
                    ratio >= 0.5 ? "MET" : "MISSED", median(hitP99) <= 50 ? "MET" : "MISSED");
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
    private static long rows(JdbcClient jdbc) {
        return jdbc.sql("""
                select (select count(*) from anonymous_page_view)
                     + (select count(*) from activity where type = 'PAGE_VIEWED')""").query(Long.class).single();
    }

    /** A wrk script posting page views of 2,000 visitors (10% identified as demo leads) over 50 pages. */
    private static Path hitScript(JdbcClient jdbc, VisitorIdentity identity, long product) throws IOException {
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

    private record Result(double rate, double p99, long requests, long non2xx) {
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern P99 = Pattern.compile("99%\\s+([\\d.]+)(us|ms|s)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    private static Result run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("wrk");
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher rate = RATE.matcher(out);
        Matcher total = TOTAL.matcher(out);
        if (!rate.find() || !total.find()) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        Matcher p99 = P99.matcher(out);
        double latency = Double.NaN;
        if (p99.find()) {
            double value = Double.parseDouble(p99.group(1));
            latency = switch (p99.group(2)) {
                case "us" -> value / 1000;
                case "s" -> value * 1000;
                default -> value;
            };
        }
        Matcher non2xx = NON2XX.matcher(out);
        return new Result(Double.parseDouble(rate.group(1)), latency, Long.parseLong(total.group(1)),
                non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
