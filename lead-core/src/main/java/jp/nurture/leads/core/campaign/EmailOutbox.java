package jp.nurture.leads.core.campaign;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.activity.NewActivity;
import jp.nurture.leads.core.consent.Consents;
import jp.nurture.leads.core.consent.EmailType;
import jp.nurture.leads.core.consent.EmailTypes;
import jp.nurture.leads.core.consent.SuppressionReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox. Each round claims a batch with {@code FOR UPDATE SKIP LOCKED}, so any number of app
 * instances share the work and never hand the same message over twice; a campaign's batch is taken only by the
 * instance holding its row lock, which keeps its rate limit exact. Consent and the suppression list are checked
 * in the claim itself — a message to someone who opted out after the send was issued is skipped. The batch goes
 * over one SMTP connection; a temporary refusal (4xx, a server that is down) is retried with growing pauses, a
 * permanent refusal of the address (5xx) is a hard bounce and puts the address on the suppression list.
 * <p>
 * Delivery is at least once towards the mail server: should the process die between the server's acceptance and
 * the commit, those few messages go again on the next round.
 */
@Service
public class EmailOutbox {

    private static final Logger log = LoggerFactory.getLogger(EmailOutbox.class);
    private static final Duration LONGEST_PAUSE = Duration.ofHours(6);

    private final JdbcClient jdbc;
    private final ObjectProvider<JavaMailSender> sender;
    private final EmailLinks links;
    private final EmailTemplates templates;
    private final EmailTypes emailTypes;
    private final Consents consents;
    private final ActivityLog activities;
    private final EmailProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    EmailOutbox(JdbcClient jdbc, ObjectProvider<JavaMailSender> sender, EmailLinks links, EmailTemplates templates,
            EmailTypes emailTypes, Consents consents, ActivityLog activities, EmailProperties properties,
            PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.sender = sender;
        this.links = links;
        this.templates = templates;
        this.emailTypes = emailTypes;
        this.consents = consents;
        this.activities = activities;
        this.properties = properties;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${leads.email.poll-every:PT5S}", initialDelayString = "PT20S")
    void poll() {
        if (properties.polling()) {
            deliverDue();
        }
    }

    /** Hands every due message to the mail server, as far as rate limits allow; returns how many were sent. */
    public int deliverDue() {
        int sent = 0;
        while (true) {
            List<Long> lanes = jdbc.sql("""
                    select distinct coalesce(s.campaign_id, 0) from email_outbox o join email_send s on s.id = o.send_id
                    where o.status = 'PENDING' and o.next_attempt_at <= ?""")
                    .param(Timestamp.from(clock.instant())).query(Long.class).list();
            int handled = 0;
            for (long lane : lanes) {
                int[] result = tx.execute(status -> deliverBatch(lane == 0 ? null : lane));
                handled += result[1];
                sent += result[0];
            }
            if (handled == 0) {
                return sent;
            }
        }
    }

    /** One batch of one campaign (or of the program sends): {sent, handled}. */
    private int[] deliverBatch(Long campaignId) {
        Instant now = clock.instant();
        int limit = properties.batchSize();
        if (campaignId != null) {
            // Only one instance works on a campaign at a time, so "sent in the last minute" stays true.
            List<Integer> rate = jdbc.sql("select coalesce(send_rate_per_minute, 0) from campaign where id = ?"
                            + " for update skip locked")
                    .param(campaignId).query(Integer.class).list();
            if (rate.isEmpty()) {
                return new int[] {0, 0};
            }
            if (rate.get(0) > 0) {
                long recent = jdbc.sql("""
                        select count(*) from email_outbox o join email_send s on s.id = o.send_id
                        where s.campaign_id = ? and o.status = 'SENT' and o.sent_at > ?""")
                        .params(campaignId, Timestamp.from(now.minus(Duration.ofMinutes(1)))).query(Long.class)
                        .single();
                limit = (int) Math.min(limit, Math.max(0, rate.get(0) - recent));
            }
            if (limit == 0) {
                return new int[] {0, 0};
            }
        }
        List<Claimed> claimed = jdbc.sql("""
                select o.id, o.send_id, o.attempts, s.email_type_id,
                       (l.id is not null and %s) as receivable
                from email_outbox o join email_send s on s.id = o.send_id
                left join lead l on l.id = o.lead_id left join person p on p.id = l.person_id
                where o.status = 'PENDING' and o.next_attempt_at <= ? and %s
                order by o.id limit ? for update of o skip locked"""
                        .formatted(Consents.receivableSql("p", "s.email_type_id"),
                                campaignId == null ? "s.campaign_id is null" : "s.campaign_id = " + campaignId))
                .params(Timestamp.from(now), limit)
                .query((rs, n) -> new Claimed(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4),
                        rs.getBoolean(5)))
                .list();
        if (claimed.isEmpty()) {
            return new int[] {0, 0};
        }
        List<Long> skipped = claimed.stream().filter(c -> !c.receivable()).map(Claimed::id).toList();
        if (!skipped.isEmpty()) {
            jdbc.sql("update email_outbox set status = 'SKIPPED', last_error = 'no consent or suppressed'"
                            + " where id = any(?)")
                    .param(skipped.toArray(Long[]::new)).update();
        }
        List<Claimed> toSend = claimed.stream().filter(Claimed::receivable).toList();
        int sent = toSend.isEmpty() ? 0 : send(toSend, now);
        return new int[] {sent, claimed.size()};
    }

    private int send(List<Claimed> batch, Instant now) {
        Map<Long, Recipient> recipients = new HashMap<>();
        jdbc.sql(Recipient.SELECT.replace("from lead l", ", o.id from email_outbox o join lead l on l.id = o.lead_id")
                        + " where o.id = any(?)")
                .param(batch.stream().map(Claimed::id).toArray(Long[]::new))
                .query((rs, n) -> recipients.put(rs.getLong(11), Recipient.map(rs, n))).list();
        Map<Long, Mailing> mailings = new HashMap<>();
        JavaMailSender mail = sender.getObject();
        IdentityHashMap<MimeMessage, Claimed> messages = new IdentityHashMap<>();
        List<MimeMessage> ordered = new ArrayList<>(batch.size());
        for (Claimed c : batch) {
            Recipient r = recipients.get(c.id());
            Mailing mailing = mailings.computeIfAbsent(c.sendId(), this::mailing);
            RenderedEmail email = mailing.merge().render(r, links.forMessage(c.id(), r.personId()), mailing.footer());
            MimeMessage message = mime(mail, r.email(), email, c.id());
            messages.put(message, c);
            ordered.add(message);
        }
        Map<Object, Exception> failures = Map.of();
        try {
            mail.send(ordered.toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            failures = e.getFailedMessages();
            if (failures.isEmpty()) {
                // Nothing says which messages failed: treat the batch as deferred.
                Map<Object, Exception> all = new IdentityHashMap<>();
                ordered.forEach(m -> all.put(m, e));
                failures = all;
            }
        } catch (org.springframework.mail.MailException e) {
            Map<Object, Exception> all = new IdentityHashMap<>();
            ordered.forEach(m -> all.put(m, e));
            failures = all;
        }
        List<Long> sentIds = new ArrayList<>();
        List<NewActivity> sentActivities = new ArrayList<>();
        for (MimeMessage message : ordered) {
            Claimed c = messages.get(message);
            Exception failure = failures.get(message);
            Recipient r = recipients.get(c.id());
            if (failure == null) {
                sentIds.add(c.id());
                sentActivities.add(new NewActivity(r.leadId(), r.productId(), ActivityType.EMAIL_SENT, now, null,
                        Map.of("sendId", c.sendId(), "subject", mailings.get(c.sendId()).subject())));
            } else if (hardBounce(failure)) {
                bounce(c, r, failure, now);
            } else {
                defer(c, failure, now);
            }
        }
        if (!sentIds.isEmpty()) {
            jdbc.sql("update email_outbox set status = 'SENT', sent_at = ?, attempts = attempts + 1, last_error = null"
                            + " where id = any(?)")
                    .params(Timestamp.from(now), sentIds.toArray(Long[]::new)).update();
            activities.recordAll(sentActivities);
        }
        return sentIds.size();
    }

    /**
     * Sends the template as the lead would get it to the marketer's own address, marked as a test; nothing is
     * recorded on the lead and the links in it lead nowhere.
     */
    public void sendTest(long templateId, long leadId, String to, jp.nurture.leads.core.product.ProductScope scope) {
        if (to == null || to.isBlank()) {
            throw new InvalidCampaignInput("template.invalid.noOwnAddress");
        }
        RenderedEmail email = templates.preview(templateId, leadId, scope);
        JavaMailSender mail = sender.getObject();
        RenderedEmail test = new RenderedEmail("[TEST] " + email.subject(), email.html(), email.text(),
                email.unsubscribeUrl());
        try {
            mail.send(mime(mail, to, test, 0));
        } catch (org.springframework.mail.MailException e) {
            throw new InvalidCampaignInput("template.invalid.testFailed", e.getMessage());
        }
    }

    private MimeMessage mime(JavaMailSender mail, String to, RenderedEmail email, long outboxId) {
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(properties.senderAddress(), properties.senderName());
            helper.setTo(to);
            helper.setSubject(email.subject());
            helper.setText(email.text(), email.html());
            // RFC 8058: mail clients show an unsubscribe button that POSTs to this address, no page in between.
            message.setHeader("List-Unsubscribe", "<" + email.unsubscribeUrl() + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            message.setHeader("X-Leads-Message", Long.toString(outboxId));
            return message;
        } catch (MessagingException | java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("could not build message " + outboxId, e);
        }
    }

    private Mailing mailing(long sendId) {
        return jdbc.sql("select subject, html_body, text_body, email_type_id from email_send where id = ?")
                .param(sendId)
                .query((rs, n) -> {
                    EmailType type = emailTypes.find(rs.getLong(4)).orElseThrow();
                    return new Mailing(rs.getString(1), MailMerge.of(rs.getString(1), rs.getString(2), rs.getString(3)),
                            templates.footer(type));
                })
                .single();
    }

    /**
     * A 5xx answer about the address: the mailbox does not exist or will never take our mail. JavaMail reports it
     * as a SendFailedException naming invalid addresses, wrapping the server's reply (with its code).
     */
    static boolean hardBounce(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SendFailedException s && s.getInvalidAddresses() != null
                    && s.getInvalidAddresses().length > 0 && replyCode(t) >= 500) {
                return true;
            }
        }
        return false;
    }

    /** The SMTP reply code of the reply behind a failure, 0 when none is known. */
    private static int replyCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            try {
                // The SMTP provider's exceptions (Angus Mail, a runtime dependency) carry getReturnCode().
                Object code = t.getClass().getMethod("getReturnCode").invoke(t);
                if (code instanceof Integer c && c > 0) {
                    return c;
                }
            } catch (ReflectiveOperationException e) {
                // not an SMTP reply
            }
        }
        return 0;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        if (t instanceof SendFailedException s && s.getCause() == null) {
            return null;
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private void bounce(Claimed c, Recipient r, Exception failure, Instant now) {
        jdbc.sql("update email_outbox set status = 'BOUNCED', attempts = attempts + 1, last_error = ? where id = ?")
                .params(error(failure), c.id()).update();
        consents.suppress(r.email(), SuppressionReason.HARD_BOUNCE, "hard bounce of message " + c.id());
        activities.record(new NewActivity(r.leadId(), r.productId(), ActivityType.EMAIL_BOUNCED, now, null,
                Map.of("sendId", c.sendId(), "error", error(failure))));
    }

    private void defer(Claimed c, Exception failure, Instant now) {
        int attempts = c.attempts() + 1;
        boolean giveUp = attempts >= properties.maxAttempts();
        Duration pause = Duration.ofMinutes(1L << Math.min(attempts - 1, 20));
        pause = pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
        jdbc.sql("update email_outbox set status = ?, attempts = ?, next_attempt_at = ?, last_error = ? where id = ?")
                .params(giveUp ? "FAILED" : "PENDING", attempts, Timestamp.from(now.plus(pause)), error(failure),
                        c.id())
                .update();
        log.warn("Message {} not sent (attempt {}){}: {}", c.id(), attempts, giveUp ? ", given up" : "",
                failure.getMessage());
    }

    private static String error(Exception failure) {
        String text = String.valueOf(failure.getMessage());
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private record Claimed(long id, long sendId, int attempts, long emailTypeId, boolean receivable) {
    }

    private record Mailing(String subject, MailMerge merge, MailMerge.Footer footer) {
    }
}
