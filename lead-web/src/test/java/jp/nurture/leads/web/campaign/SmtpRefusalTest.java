package jp.nurture.leads.web.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jp.nurture.leads.core.campaign.CampaignChannel;
import jp.nurture.leads.core.campaign.Campaigns;
import jp.nurture.leads.core.campaign.EmailOutbox;
import jp.nurture.leads.core.campaign.EmailProperties;
import jp.nurture.leads.core.campaign.EmailSends;
import jp.nurture.leads.core.campaign.EmailTemplates;
import jp.nurture.leads.core.campaign.NewCampaign;
import jp.nurture.leads.core.campaign.SendStats;
import jp.nurture.leads.core.product.ProductScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What the outbox makes of a mail server's refusals, against a real SMTP server that refuses as told: a 550 for
 * one address is a hard bounce (suppressed, on the timeline, counted, never tried again) while the rest of the
 * send arrives; a 451 or a dropped connection is retried with growing pauses and arrives once; a server that
 * defers for ever ends in FAILED after the last attempt, shown to the marketer with the server's answer.
 */
class SmtpRefusalTest extends MailTestSupport {

    static final ProductScope ALL = ProductScope.all();

    @Autowired MockMvc mvc;
    @Autowired Campaigns campaigns;
    @Autowired EmailTemplates templates;
    @Autowired EmailSends sends;
    @Autowired EmailOutbox outbox;
    @Autowired EmailProperties properties;
    @Autowired JavaMailSenderImpl mailSender;
    @Autowired UserDetailsService users;

    RefusingSmtpServer smtp;
    AutoCloseable takeOver;

    @BeforeEach
    void refusingServer() {
        smtp = new RefusingSmtpServer();
        takeOver = smtp.takeOver(mailSender);
    }

    @AfterEach
    void sharedServerAgain() throws Exception {
        takeOver.close();
        smtp.close();
    }

    @Test
    void aRefusedAddressIsAHardBounceAndTheRestOfTheSendArrives() throws Exception {
        long gone = person("退職済み", "gone.bounce@example.jp", "SFA-CLOUD").get(0);
        long a = person("受信者A", "ok-a.bounce@example.jp", "SFA-CLOUD").get(0);
        long b = person("受信者B", "ok-b.bounce@example.jp", "SFA-CLOUD").get(0);
        for (long lead : List.of(gone, a, b)) {
            optIn(lead, "SFA-CLOUD", "NEWSLETTER");
        }
        smtp.refuse("gone.bounce@example.jp");
        long campaign = campaign("SFA-CLOUD", "バウンス確認");
        campaigns.addLeads(campaign, List.of(gone, a, b), "list", ALL);
        long template = template("SFA-CLOUD", "NEWSLETTER", "バウンス確認");
        long send = sends.issue(campaign, template, null, ALL);

        outbox.deliverDue();

        assertThat(smtp.asked.get("gone.bounce@example.jp")).hasValue(1);
        assertThat(smtp.to("gone.bounce@example.jp")).isEmpty();
        assertThat(smtp.to("ok-a.bounce@example.jp")).hasSize(1);
        assertThat(smtp.to("ok-b.bounce@example.jp")).hasSize(1);
        assertThat(row(send, gone).status()).isEqualTo("BOUNCED");
        assertThat(row(send, gone).lastError()).contains("550").contains("User unknown");
        assertThat(row(send, a).status()).isEqualTo("SENT");
        assertThat(consents.isSuppressed("gone.bounce@example.jp")).isTrue();
        assertThat(consents.isSuppressed("ok-a.bounce@example.jp")).isFalse();
        assertThat(activities(gone, "EMAIL_BOUNCED")).isEqualTo(1);
        assertThat(activities(gone, "EMAIL_SENT")).isZero();
        assertThat(activities(a, "EMAIL_SENT")).isEqualTo(1);
        SendStats stats = sends.ofSend(send, ALL);
        assertThat(stats.bounced()).isEqualTo(1);
        assertThat(stats.sent()).isEqualTo(2);
        assertThat(stats.pending()).isZero();

        String page = campaignPage(campaign, "ja");
        String sendRow = between(page, "id=\"send-stats\"", "</table>");
        assertThat(sendRow).contains("<td class=\"bounced\">1</td>").contains("<td class=\"sent\">2</td>");
        String undelivered = between(page, "id=\"undelivered\"", "</table>");
        assertThat(undelivered.split("<tr id=\"undelivered-", -1)).hasSize(2);
        assertThat(undelivered).contains("退職済み").contains("バウンス").contains("550");

        // A later send does not even try the address.
        long later = sends.issue(campaign, template, null, ALL);
        outbox.deliverDue();
        assertThat(smtp.asked.get("gone.bounce@example.jp")).hasValue(1);
        assertThat(sends.ofSend(later, ALL).skipped()).isEqualTo(1);
        assertThat(sends.ofSend(later, ALL).sent()).isEqualTo(2);
        assertThat(smtp.to("ok-a.bounce@example.jp")).hasSize(2);
    }

    @Test
    void aDeferredMessageIsRetriedWithGrowingPausesAndArrivesOnce() throws Exception {
        long lead = person("再試行", "later.retry@example.jp", "CLOUD-ACC").get(0);
        optIn(lead, "CLOUD-ACC", "NEWSLETTER");
        smtp.dropConnection("later.retry@example.jp", 1);
        smtp.defer("later.retry@example.jp", 1);
        long campaign = campaign("CLOUD-ACC", "再試行確認");
        campaigns.addLeads(campaign, List.of(lead), "list", ALL);
        long send = sends.issue(campaign, template("CLOUD-ACC", "NEWSLETTER", "再試行確認"), null, ALL);

        Instant first = clock.instant();
        outbox.deliverDue();
        Outbox afterDrop = row(send, lead);
        assertThat(afterDrop.status()).isEqualTo("PENDING");
        assertThat(afterDrop.attempts()).isEqualTo(1);
        assertThat(afterDrop.lastError()).contains("421");
        assertThat(afterDrop.nextAttemptAt()).isAfter(first.plus(Duration.ofSeconds(50)));
        // Not due yet: nothing happens.
        outbox.deliverDue();
        assertThat(smtp.asked.get("later.retry@example.jp")).hasValue(1);

        clock.advance(Duration.ofMinutes(1).plusSeconds(5));
        outbox.deliverDue();
        Outbox afterDeferral = row(send, lead);
        assertThat(afterDeferral.status()).isEqualTo("PENDING");
        assertThat(afterDeferral.attempts()).isEqualTo(2);
        assertThat(afterDeferral.lastError()).contains("451");
        // The pause doubled: two minutes from the second attempt.
        assertThat(Duration.between(clock.instant(), afterDeferral.nextAttemptAt()))
                .isBetween(Duration.ofSeconds(110), Duration.ofSeconds(121));
        assertThat(smtp.to("later.retry@example.jp")).isEmpty();

        clock.advance(Duration.ofMinutes(2).plusSeconds(5));
        outbox.deliverDue();
        outbox.deliverDue();
        assertThat(smtp.to("later.retry@example.jp")).hasSize(1);
        assertThat(row(send, lead).status()).isEqualTo("SENT");
        assertThat(row(send, lead).attempts()).isEqualTo(3);
        assertThat(sends.ofSend(send, ALL).sent()).isEqualTo(1);
    }

    @Test
    void aServerThatDefersForEverEndsInAFailureTheMarketerSees() throws Exception {
        long lead = person("ずっと保留", "never.retry@example.jp", "CLOUD-ACC").get(0);
        optIn(lead, "CLOUD-ACC", "NEWSLETTER");
        smtp.defer("never.retry@example.jp", Integer.MAX_VALUE);
        long campaign = campaign("CLOUD-ACC", "失敗確認");
        campaigns.addLeads(campaign, List.of(lead), "list", ALL);
        long send = sends.issue(campaign, template("CLOUD-ACC", "NEWSLETTER", "失敗確認"), null, ALL);

        int maxAttempts = properties.maxAttempts();
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            outbox.deliverDue();
            assertThat(row(send, lead).attempts()).isEqualTo(attempt);
            assertThat(row(send, lead).status()).isEqualTo(attempt < maxAttempts ? "PENDING" : "FAILED");
            clock.advance(Duration.ofHours(7));
        }
        outbox.deliverDue();
        assertThat(smtp.asked.get("never.retry@example.jp")).hasValue(maxAttempts);
        assertThat(smtp.to("never.retry@example.jp")).isEmpty();
        assertThat(sends.ofSend(send, ALL).failed()).isEqualTo(1);
        assertThat(sends.ofSend(send, ALL).pending()).isZero();

        String page = campaignPage(campaign, "ja");
        assertThat(between(page, "id=\"send-stats\"", "</table>")).contains("<td class=\"failed\">1</td>");
        String undelivered = between(page, "id=\"undelivered\"", "</table>");
        assertThat(undelivered.split("<tr id=\"undelivered-", -1)).hasSize(2);
        assertThat(undelivered).contains("送信失敗").contains("<td class=\"attempts\">" + maxAttempts + "</td>")
                .contains("451").contains("try again later");
        assertThat(between(campaignPage(campaign, "en"), "id=\"undelivered\"", "</thead>"))
                .contains("Last answer of the mail server");
    }

    @Test
    void aMessageLeftHalfSentByAStoppedProcessIsNotSentAgainButShownAsFailed() throws Exception {
        long lead = person("中断", "interrupted.send@example.jp", "CLOUD-ACC").get(0);
        optIn(lead, "CLOUD-ACC", "NEWSLETTER");
        long campaign = campaign("CLOUD-ACC", "中断確認");
        campaigns.addLeads(campaign, List.of(lead), "list", ALL);
        long send = sends.issue(campaign, template("CLOUD-ACC", "NEWSLETTER", "中断確認"), null, ALL);
        // What a process leaves behind when it stops after the claim, before the outcome: nobody knows whether
        // the mail server took the message.
        jdbc.sql("update email_outbox set status = 'SENDING', sending_since = ? where send_id = ?")
                .params(java.sql.Timestamp.from(clock.instant()), send).update();

        outbox.deliverDue();
        assertThat(row(send, lead).status()).as("another instance may still be sending it").isEqualTo("SENDING");
        assertThat(sends.ofSend(send, ALL).pending()).isEqualTo(1);

        clock.advance(properties.sendingTimeout().plusMinutes(1));
        outbox.deliverDue();
        assertThat(row(send, lead).status()).isEqualTo("FAILED");
        assertThat(row(send, lead).lastError()).contains("interrupted").contains("not sent again");
        assertThat(smtp.asked).doesNotContainKey("interrupted.send@example.jp");
        assertThat(between(campaignPage(campaign, "ja"), "id=\"undelivered\"", "</table>")).contains("中断")
                .contains("interrupted");
    }

    long campaign(String productCode, String name) {
        long product = jdbc.sql("select id from product where code = ?").param(productCode).query(Long.class)
                .single();
        return campaigns.create(new NewCampaign(product, name, CampaignChannel.EMAIL, null, null, null, null, null,
                null), ALL);
    }

    long template(String productCode, String type, String subject) {
        long product = jdbc.sql("select id from product where code = ?").param(productCode).query(Long.class)
                .single();
        return templates.create(product, emailType(productCode, type), subject, subject, "<p>{{name}} 様</p>",
                "{{name}} 様", ALL);
    }

    record Outbox(String status, int attempts, Instant nextAttemptAt, String lastError) {
    }

    Outbox row(long send, long lead) {
        return jdbc.sql("""
                select status, attempts, next_attempt_at, coalesce(last_error, '') from email_outbox
                where send_id = ? and lead_id = ?""")
                .params(send, lead)
                .query((rs, n) -> new Outbox(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4)))
                .single();
    }

    long activities(long lead, String type) {
        return jdbc.sql("select count(*) from activity where lead_id = ? and type = ?").params(lead, type)
                .query(Long.class).single();
    }

    String campaignPage(long campaign, String lang) throws Exception {
        return mvc.perform(get("/campaigns/" + campaign).param("lang", lang)
                        .with(user(users.loadUserByUsername("marketer"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** The part of a page from a marker to the next end marker. */
    static String between(String page, String from, String to) {
        int start = page.indexOf(from);
        assertThat(start).as("%s on the page", from).isNotNegative();
        int end = page.indexOf(to, start);
        return page.substring(start, end < 0 ? page.length() : end);
    }
}
