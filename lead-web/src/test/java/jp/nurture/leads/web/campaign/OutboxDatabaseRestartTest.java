package jp.nurture.leads.web.campaign;

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
import jp.nurture.leads.core.campaign.CampaignChannel;
import jp.nurture.leads.core.campaign.Campaigns;
import jp.nurture.leads.core.campaign.EmailSends;
import jp.nurture.leads.core.campaign.EmailTemplates;
import jp.nurture.leads.core.campaign.NewCampaign;
import jp.nurture.leads.core.consent.ConsentBasis;
import jp.nurture.leads.core.consent.Consents;
import jp.nurture.leads.core.product.ProductScope;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database stops in the middle of a campaign send of 300 messages and comes back a few seconds later. The
 * mail server holds its reply to the 100th message until the database is down, so the outbox learns what the
 * server took exactly when it cannot write it down. Afterwards every recipient has exactly one message — none
 * twice, none missing — every row is SENT with one EMAIL_SENT on the timeline, and the outbox, polling on its
 * own, still delivers a send issued after the restart.
 */
class OutboxDatabaseRestartTest {

    static final ProductScope ALL = ProductScope.all();
    static final int MESSAGES = 300;

    @Test
    void everyMessageArrivesExactlyOnceAcrossADatabaseRestart() throws Exception {
        Path data = Files.createTempDirectory("outbox-restart-pg");
        int pgPort = freePort();
        EmbeddedPostgres postgres = start(data, pgPort);
        ConfigurableApplicationContext app = null;
        try (RefusingSmtpServer smtp = new RefusingSmtpServer()) {
            app = boot(postgres, smtp.port(),
                    "--leads.demo-data.enabled=true",
                    // The outbox runs on its own here, as in production, in small batches.
                    "--leads.email.polling=true", "--leads.email.poll-every=PT0.5S", "--leads.email.batch-size=40");
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            Campaigns campaigns = app.getBean(Campaigns.class);
            EmailSends sends = app.getBean(EmailSends.class);
            long product = jdbc.sql("select id from product where code = 'CLOUD-ACC'").query(Long.class).single();
            long type = jdbc.sql("select id from email_type where product_id = ? and code = 'NEWSLETTER'")
                    .param(product).query(Long.class).single();
            List<Long> leads = leads(jdbc, app.getBean(Consents.class), product, type, "restart", MESSAGES);
            long campaign = campaigns.create(new NewCampaign(product, "再起動テスト", CampaignChannel.EMAIL, null, null,
                    null, null, null, null), ALL);
            campaigns.addLeads(campaign, leads, "list", ALL);
            long template = app.getBean(EmailTemplates.class).create(product, type, "再起動", "{{name}} 様へのお知らせ",
                    "<p>{{name}} 様</p>", "{{name}} 様", ALL);

            RefusingSmtpServer.Hold hold = smtp.holdAt(100);
            long send = sends.issue(campaign, template, null, ALL);
            assertThat(hold.awaitReached(Duration.ofSeconds(90))).as("the outbox started sending").isTrue();
            postgres.close();
            hold.release();
            Thread.sleep(4000);
            int duringOutage = smtp.receivedBy("restart-").size();
            postgres = start(data, pgPort);

            await(Duration.ofSeconds(90), () -> smtp.receivedBy("restart-").size() >= MESSAGES
                    && sends.ofSend(send, ALL).sent() == MESSAGES);
            Map<String, Long> perRecipient = smtp.receivedBy("restart-").stream()
                    .collect(Collectors.groupingBy(RefusingSmtpServer::firstRecipient, Collectors.counting()));
            assertThat(duringOutage).as("the batch the outage hit was taken by the server").isGreaterThanOrEqualTo(100);
            assertThat(perRecipient).as("one message for each of the %d recipients", MESSAGES).hasSize(MESSAGES);
            assertThat(perRecipient.values()).as("nobody got a message twice").allMatch(n -> n == 1);
            assertThat(sends.ofSend(send, ALL).pending()).isZero();
            assertThat(jdbc.sql("select count(*) from email_outbox where send_id = ? and status <> 'SENT'")
                    .param(send).query(Long.class).single()).isZero();
            assertThat(jdbc.sql("""
                    select count(*) from activity where type = 'EMAIL_SENT' and lead_id = any(?)""")
                    .param(leads.toArray(Long[]::new)).query(Long.class).single())
                    .as("one EMAIL_SENT per message").isEqualTo(MESSAGES);

            // The poller survived the outage: a send issued now goes out without anyone driving it.
            List<Long> late = leads(jdbc, app.getBean(Consents.class), product, type, "after-restart", 5);
            long after = campaigns.create(new NewCampaign(product, "再起動後", CampaignChannel.EMAIL, null, null, null,
                    null, null, null), ALL);
            campaigns.addLeads(after, late, "list", ALL);
            long afterSend = sends.issue(after, template, null, ALL);
            await(Duration.ofSeconds(30), () -> sends.ofSend(afterSend, ALL).sent() == 5);
            assertThat(smtp.receivedBy("after-restart-")).hasSize(5);
            assertThat(smtp.receivedBy("restart-")).hasSize(MESSAGES);
        } finally {
            if (app != null) {
                app.close();
            }
            postgres.close();
        }
    }

    /** People with a lead in the product and an opt-in to the e-mail type; returns the lead ids. */
    private static List<Long> leads(JdbcClient jdbc, Consents consents, long product, long type, String tag, int n) {
        List<Long> people = jdbc.sql("""
                insert into person (full_name, email)
                select ? || ' ' || g, ? || '-' || g || '@example.jp' from generate_series(1, ?) g returning id""")
                .params(tag, tag, n).query(Long.class).list();
        people.forEach(person -> consents.grant(person, type, ConsentBasis.OPT_IN, "restart test"));
        return jdbc.sql("""
                insert into lead (person_id, product_id, stage, source_channel)
                select p, ?, 'NEW_LEAD', 'WEB_FORM' from unnest(?::bigint[]) p returning id""")
                .params(product, people.toArray(Long[]::new)).query(Long.class).list();
    }

    /** The campaign's messages (the demo's hand-off notices go to the same server). */
}
