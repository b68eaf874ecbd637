package jp.nurture.leads.web.system;

import static jp.nurture.leads.web.system.RestartablePostgres.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import jp.nurture.leads.LeadsApplication;
import jp.nurture.leads.core.tracking.HitBuffer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database goes away while the tag's page views keep arriving, and comes back: every page view the app
 * accepted (204) is stored once the database is back — none lost, none twice. The app runs on a PostgreSQL of
 * its own that this test stops and restarts on the same data directory and port.
 */
class DatabaseRestartTest {

    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    @Test
    void everyAcceptedPageViewIsStoredAfterTheDatabaseRestarts() throws Exception {
        Path data = Files.createTempDirectory("restart-pg");
        int pgPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            pgPort = socket.getLocalPort();
        }
        EmbeddedPostgres postgres = start(data, pgPort);
        ConfigurableApplicationContext app = null;
        try {
            app = new SpringApplicationBuilder(LeadsApplication.class).run(
                    "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                    "--spring.datasource.hikari.connection-timeout=2000", "--server.port=0",
                    "--leads.demo-data.enabled=true", "--leads.rate-limit.enabled=false",
                    "--spring.main.banner-mode=off");
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            long product = jdbc.sql("select id from product order by id limit 1").query(Long.class).single();
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            UUID visitor = UUID.randomUUID();

            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicLong accepted = new AtomicLong();
            AtomicLong other = new AtomicLong();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            Thread tag = new Thread(() -> {
                int n = 0;
                while (sending.get()) {
                    HttpRequest hit = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/t/hit"))
                            .header("User-Agent", BROWSER)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("v=" + visitor + "&p=" + product
                                    + "&u=https%3A%2F%2Facc.example.jp%2Frestart%2F" + n++ + "&t=x"))
                            .timeout(Duration.ofSeconds(10)).build();
                    try {
                        int status = http.send(hit, HttpResponse.BodyHandlers.discarding()).statusCode();
                        (status == 204 ? accepted : other).incrementAndGet();
                    } catch (Exception e) {
                        other.incrementAndGet();
                    }
                }
            }, "tag");
            tag.start();

            Thread.sleep(1500);
            long beforeStop = accepted.get();
            postgres.close();
            Thread.sleep(3000);
            long duringOutage = accepted.get() - beforeStop;
            postgres = start(data, pgPort);
            Thread.sleep(2000);
            sending.set(false);
            tag.join();

            app.getBean(HitBuffer.class).flush();
            long stored = jdbc.sql("select count(*) from anonymous_page_view where visitor_id = ?").param(visitor)
                    .query(Long.class).single();
            long distinct = jdbc.sql("""
                    select count(distinct detail ->> 'url') from anonymous_page_view where visitor_id = ?""")
                    .param(visitor).query(Long.class).single();
            assertThat(duringOutage).as("page views kept being accepted while the database was down").isPositive();
            assertThat(stored).as("accepted %d, answered otherwise %d", accepted.get(), other.get())
                    .isEqualTo(accepted.get());
            assertThat(distinct).as("no page view stored twice").isEqualTo(stored);
        } finally {
            if (app != null) {
                app.close();
            }
            postgres.close();
        }
    }
}
