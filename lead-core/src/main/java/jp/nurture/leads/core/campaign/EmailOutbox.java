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
 * Nothing twice, nothing lost: the claim marks the batch SENDING and commits before the mail server is spoken to,
 * and no database lock is held while it is. The outcome (SENT, BOUNCED, deferred) is written afterwards; when the
 * database is away at that moment the outcomes are kept in memory and written by the first round that reaches it
 * again, so a database restart neither repeats nor loses a message. Only when the process itself stops between
 * the claim and the outcome does a row stay SENDING: whether the server took it is unknown, and it is not sent
 * again (a duplicate is worse than a gap) but marked FAILED after {@code leads.email.sending-timeout}, which the
 * campaign page lists with its reason.
 */
@Service
public class EmailOutbox {

    private static final Logger log = LoggerFactory.getLogger(EmailOutbox.class);
    private static final Duration LONGEST_PAUSE = Duration.ofHours(6);
    static final String INTERRUPTED = "interrupted while being handed to the mail server; not sent again so that"
            + " nobody gets it twice";

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
    /** Outcomes the mail server gave while the database could not take them; written first by the next round. */
    private final MailOutcomes<Outcome> answers = new MailOutcomes<>("messages");

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
        answers.recordKept(kept -> tx.executeWithoutResult(status -> write(kept)));
        giveUpInterrupted();
        int sent = 0;
        while (true) {
            List<Long> lanes = jdbc.sql("""
                    select distinct coalesce(s.campaign_id, 0) from email_outbox o join email_send s on s.id = o.send_id
                    where o.status = 'PENDING' and o.next_attempt_at <= ?""")
                    .param(Timestamp.from(clock.instant())).query(Long.class).list();
            int handled = 0;
            for (long lane : lanes) {
                Batch batch = tx.execute(status -> claim(lane == 0 ? null : lane));
                handled += batch.handled();
                if (!batch.messages().isEmpty()) {
                    sent += deliver(batch.messages());
                }
            }
            if (handled == 0) {
                return sent;
            }
        }
    }

    /** Rows left SENDING by a process that stopped half-way: given up, visibly, rather than sent twice. */
    private void giveUpInterrupted() {
        int n = jdbc.sql("""
                update email_outbox set status = 'FAILED', attempts = attempts + 1, last_error = ?, sending_since = null
                where status = 'SENDING' and sending_since < ?""")
                .params(INTERRUPTED, Timestamp.from(clock.instant().minus(properties.sendingTimeout()))).update();
        if (n > 0) {
            log.warn("{} messages were left half-sent by a stopped process and are marked failed", n);
        }
    }

    /**
     * Claims one batch of one campaign (or of the program sends), skips what may not be sent and marks the rest
     * SENDING, in one short transaction; returns the messages to hand over and how many rows were handled.
     */
    private Batch claim(Long campaignId) {
        Instant now = clock.instant();
        int limit = properties.batchSize();
        if (campaignId != null) {
            // Only one instance claims for a campaign at a time, so "sent in the last minute" stays true.
            List<Integer> rate = jdbc.sql("select coalesce(send_rate_per_minute, 0) from campaign where id = ?"
                            + " for update skip locked")
                    .param(campaignId).query(Integer.class).list();
            if (rate.isEmpty()) {
                return Batch.NONE;
            }
            if (rate.get(0) > 0) {
                long recent = jdbc.sql("""
                        select count(*) from email_outbox o join email_send s on s.id = o.send_id
                        where s.campaign_id = ? and (o.status = 'SENT' and o.sent_at > ? or o.status = 'SENDING')""")
                        .params(campaignId, Timestamp.from(now.minus(Duration.ofMinutes(1)))).query(Long.class)
                        .single();
                limit = (int) Math.min(limit, Math.max(0, rate.get(0) - recent));
            }
            if (limit == 0) {
                return Batch.NONE;
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
            return Batch.NONE;
        }
        List<Long> skipped = claimed.stream().filter(c -> !c.receivable()).map(Claimed::id).toList();
        if (!skipped.isEmpty()) {
            jdbc.sql("update email_outbox set status = 'SKIPPED', last_error = 'no consent or suppressed'"
                            + " where id = any(?)")
                    .param(skipped.toArray(Long[]::new)).update();
        }
        List<Claimed> toSend = claimed.stream().filter(Claimed::receivable).toList();
        if (toSend.isEmpty()) {
            return new Batch(claimed.size(), List.of());
        }
        jdbc.sql("update email_outbox set status = 'SENDING', sending_since = ? where id = any(?)")
                .params(Timestamp.from(now), toSend.stream().map(Claimed::id).toArray(Long[]::new)).update();
        return new Batch(claimed.size(), render(toSend));
    }

    private List<Outgoing> render(List<Claimed> batch) {
        Map<Long, Recipient> recipients = new HashMap<>();
        jdbc.sql(Recipient.SELECT.replace("from lead l", ", o.id from email_outbox o join lead l on l.id = o.lead_id")
                        + " where o.id = any(?)")
                .param(batch.stream().map(Claimed::id).toArray(Long[]::new))
                .query((rs, n) -> recipients.put(rs.getLong(11), Recipient.map(rs, n))).list();
        Map<Long, Mailing> mailings = new HashMap<>();
        JavaMailSender mail = sender.getObject();
        List<Outgoing> out = new ArrayList<>(batch.size());
        for (Claimed c : batch) {
            Recipient r = recipients.get(c.id());
            Mailing mailing = mailings.computeIfAbsent(c.sendId(), this::mailing);
            RenderedEmail email = mailing.merge().render(r, links.forMessage(c.id(), r.personId()), mailing.footer());
            out.add(new Outgoing(c, r, mailing.subject(), mime(mail, r.email(), email, c.id())));
        }
        return out;
    }

    /** Hands the batch to the mail server (no transaction open), then records what became of each message. */
    private int deliver(List<Outgoing> batch) {
        Map<Object, Exception> failures = Map.of();
        try {
            sender.getObject().send(batch.stream().map(Outgoing::message).toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            failures = e.getFailedMessages();
            if (failures.isEmpty()) {
                // Nothing says which messages failed: treat the batch as deferred.
                failures = allFailed(batch, e);
            }
        } catch (org.springframework.mail.MailException e) {
            failures = allFailed(batch, e);
        }
        Instant now = clock.instant();
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        int sent = 0;
        for (Outgoing m : batch) {
            Exception failure = failures.get(m.message());
            if (failure == null) {
                sent++;
            }
            outcomes.add(new Outcome(m.claimed(), m.recipient(), m.subject(), failure, now));
        }
        answers.record(outcomes, answered -> tx.executeWithoutResult(status -> write(answered)));
        return sent;
    }

    private static Map<Object, Exception> allFailed(List<Outgoing> batch, Exception e) {
        Map<Object, Exception> all = new IdentityHashMap<>();
        batch.forEach(m -> all.put(m.message(), e));
        return all;
    }

    private void write(List<Outcome> outcomes) {
        List<Long> sentIds = new ArrayList<>();
        List<NewActivity> sentActivities = new ArrayList<>();
        Instant sentAt = null;
        for (Outcome o : outcomes) {
            Claimed c = o.claimed();
            Recipient r = o.recipient();
            if (o.failure() == null) {
                sentIds.add(c.id());
                sentAt = o.at();
                sentActivities.add(new NewActivity(r.leadId(), r.productId(), ActivityType.EMAIL_SENT, o.at(), null,
                        Map.of("sendId", c.sendId(), "subject", o.subject())));
            } else if (hardBounce(o.failure())) {
                bounce(c, r, o.failure(), o.at());
            } else {
                defer(c, o.failure(), o.at());
            }
        }
        if (!sentIds.isEmpty()) {
            jdbc.sql("""
                    update email_outbox set status = 'SENT', sent_at = ?, attempts = attempts + 1, last_error = null,
                                            sending_since = null
                    where id = any(?)""")
                    .params(Timestamp.from(sentAt), sentIds.toArray(Long[]::new)).update();
            activities.recordAll(sentActivities);
        }
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
        Throwable reply = serverReply(failure);
        return reply == null ? 0 : returnCode(reply);
    }

    /** The exception carrying the server's own reply (code and text), if the failure has one. */
    private static Throwable serverReply(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (returnCode(t) > 0) {
                return t;
            }
        }
        return null;
    }

    private static int returnCode(Throwable t) {
        try {
            // The SMTP provider's exceptions (Angus Mail, a runtime dependency) carry getReturnCode().
            Object code = t.getClass().getMethod("getReturnCode").invoke(t);
            return code instanceof Integer c && c > 0 ? c : 0;
        } catch (ReflectiveOperationException e) {
            return 0; // not an SMTP reply
        }
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
        jdbc.sql("""
                update email_outbox set status = 'BOUNCED', attempts = attempts + 1, last_error = ?,
                                        sending_since = null
                where id = ?""")
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
        jdbc.sql("""
                update email_outbox set status = ?, attempts = ?, next_attempt_at = ?, last_error = ?,
                                        sending_since = null
                where id = ?""")
                .params(giveUp ? "FAILED" : "PENDING", attempts, Timestamp.from(now.plus(pause)), error(failure),
                        c.id())
                .update();
        log.warn("Message {} not sent (attempt {}){}: {}", c.id(), attempts, giveUp ? ", given up" : "",
                failure.getMessage());
    }

    /**
     * What the marketer sees as the last error: the server's reply where there is one ("550 5.1.1 … User unknown"),
     * not JavaMail's summary ("Invalid Addresses").
     */
    static String error(Exception failure) {
        Throwable reply = serverReply(failure);
        String text = String.valueOf((reply == null ? failure : reply).getMessage()).strip();
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private record Claimed(long id, long sendId, int attempts, long emailTypeId, boolean receivable) {
    }

    private record Mailing(String subject, MailMerge merge, MailMerge.Footer footer) {
    }

    private record Outgoing(Claimed claimed, Recipient recipient, String subject, MimeMessage message) {
    }

    /** What the mail server said of one message: accepted when failure is null. */
    private record Outcome(Claimed claimed, Recipient recipient, String subject, Exception failure, Instant at) {
    }

    private record Batch(int handled, List<Outgoing> messages) {
        static final Batch NONE = new Batch(0, List.of());
    }
}
