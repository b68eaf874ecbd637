package jp.nurture.leads.web.routing;

import static jp.nurture.leads.web.system.RestartablePostgres.await;
import static jp.nurture.leads.web.system.RestartablePostgres.boot;
import static jp.nurture.leads.web.system.RestartablePostgres.freePort;
import static jp.nurture.leads.web.system.RestartablePostgres.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.nurture.leads.web.campaign.RefusingSmtpServer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database stops while hand-off notices are being delivered and comes back a few seconds later. The mail server
 * holds its reply to the 30th notice (the middle of the second batch) until the database is down, so the notice
 * worker learns what the server took exactly when it cannot write it down. Afterwards every recipient has exactly
 * one notice — none twice, none missing — every row is sent after one attempt, and the worker, running on its own
 * schedule, still delivers notices written after the restart.
 */
class NoticeDatabaseRestartTest {

    static final int NOTICES = 60;
    static final int HELD = 30;

    @Test
    void everyNoticeArrivesExactlyOnceAcrossADatabaseRestart() throws Exception {
        Path data = Files.createTempDirectory("notice-restart-pg");
        int pgPort = freePort();
        EmbeddedPostgres postgres = start(data, pgPort);
        ConfigurableApplicationContext app = null;
        try (RefusingSmtpServer smtp = new RefusingSmtpServer()) {
            app = boot(postgres, smtp.port(),
                    "--leads.demo-data.enabled=false",
                    // The notice worker runs on its own here, as in production, just more often.
                    "--leads.routing.notice-first-round-after=PT0.5S", "--leads.routing.notice-retry-every=PT0.5S");
            JdbcClient jdbc = app.getBean(JdbcClient.class);

            RefusingSmtpServer.Hold hold = smtp.holdAt(HELD);
            insertNotices(jdbc, "restart", NOTICES);
            assertThat(hold.awaitReached(Duration.ofSeconds(30))).as("the worker started sending").isTrue();
            postgres.close();
            hold.release();
            Thread.sleep(4000);
            int duringOutage = smtp.receivedBy("restart-").size();
            postgres = start(data, pgPort);

            await(Duration.ofSeconds(30), () -> smtp.receivedBy("restart-").size() >= NOTICES
                    && unsent(jdbc, "restart-") == 0);
            Map<String, Long> perRecipient = smtp.receivedBy("restart-").stream()
                    .collect(Collectors.groupingBy(RefusingSmtpServer::firstRecipient, Collectors.counting()));
            assertThat(duringOutage).as("the batch the outage hit was taken by the server").isGreaterThanOrEqualTo(HELD);
            assertThat(perRecipient).as("one notice for each of the %d recipients", NOTICES).hasSize(NOTICES);
            assertThat(perRecipient.values()).as("nobody got a notice twice").allMatch(n -> n == 1);
            assertThat(jdbc.sql("""
                    select count(*) from routing_notice where recipient like 'restart-%' and sent_at is not null
                    and failed_at is null and sending_since is null and attempts = 1""")
                    .query(Long.class).single()).as("every row sent, after one attempt").isEqualTo(NOTICES);

            // The worker survived the outage: notices written now go out without anyone driving it.
            insertNotices(jdbc, "after-restart", 5);
            await(Duration.ofSeconds(20), () -> unsent(jdbc, "after-restart-") == 0);
            assertThat(smtp.receivedBy("after-restart-")).hasSize(5);
            assertThat(smtp.receivedBy("restart-")).hasSize(NOTICES);
        } finally {
            if (app != null) {
                app.close();
            }
            postgres.close();
        }
    }

    /** Due notices as the routing writes them, one per recipient {@code tag-i@example.jp}. */
    private static void insertNotices(JdbcClient jdbc, String tag, int n) {
        jdbc.sql("""
                insert into routing_notice (recipient, subject, body, created_at, next_attempt_at)
                select ? || '-' || g || '@example.jp', '新しい引き渡し ' || g, 'お客様 ' || g || ' を引き渡しました', now(), now()
                from generate_series(1, ?) g""")
                .params(tag, n).update();
    }

    private static long unsent(JdbcClient jdbc, String prefix) {
        return jdbc.sql("select count(*) from routing_notice where recipient like ? and sent_at is null")
                .param(prefix + "%").query(Long.class).single();
    }
}
