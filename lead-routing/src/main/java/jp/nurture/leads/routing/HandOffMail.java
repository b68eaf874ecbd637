package jp.nurture.leads.routing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.nurture.leads.core.campaign.MailOutcomes;
import jp.nurture.leads.core.campaign.OwnerNotice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * E-mails field sales about new hand-offs (one message per owner per routing), team leads about overdue ones and
 * account owners about leads of their account given to someone else. The notices are written in the routing's own
 * transaction (so a notice exists exactly when its hand-off does) and delivered right after the commit; a mail
 * server that is down or refuses is retried with growing pauses by {@link #deliverDue()}, and a notice still
 * refused after {@value #MAX_ATTEMPTS} attempts is marked failed and listed on the routing admin page. A nurture
 * program's "notify owner" step goes the same way: its notice is written in the transaction that runs the step.
 * <p>
 * Nothing twice, nothing lost, as in the campaign outbox: a small batch is claimed ({@code SKIP LOCKED}, so two app
 * instances never take the same notice) and marked sending in a short transaction that commits before the mail
 * server is spoken to, and no database lock is held while it is. The outcome (sent, retry later, given up) is
 * written afterwards in a new transaction; when the database is away at that moment the outcomes are kept in
 * memory and written by the first round that reaches it again, so a database restart neither repeats nor loses a
 * notice. Only when the process itself stops between the claim and the outcome does a notice stay sending: whether
 * the server took it is unknown, and it is not sent again (a duplicate is worse than a gap) but marked failed after
 * {@code leads.routing.notice-sending-timeout}, with its reason on the routing admin page, where it can be retried.
 */
@Component
class HandOffMail {

    private static final Logger log = LoggerFactory.getLogger(HandOffMail.class);
    private static final Locale MAIL_LOCALE = Locale.JAPANESE;
    static final int MAX_ATTEMPTS = 8;
    private static final int BATCH = 20;
    private static final Duration LONGEST_PAUSE = Duration.ofHours(4);
    static final String INTERRUPTED = "interrupted while being handed to the mail server; not sent again so that"
            + " nobody gets it twice";

    private final ObjectProvider<JavaMailSender> sender;
    private final MessageSource messages;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration sendingTimeout;
    /** Outcomes the mail server gave while the database could not take them; written first by the next round. */
    private final MailOutcomes<Outcome> answers = new MailOutcomes<>("notices");

    HandOffMail(ObjectProvider<JavaMailSender> sender, MessageSource messages, JdbcClient jdbc,
            PlatformTransactionManager transactions, Clock clock,
            @Value("${leads.routing.notice-sending-timeout:PT15M}") Duration sendingTimeout) {
        this.sender = sender;
        this.messages = messages;
        this.jdbc = jdbc;
        // Its own transaction always: delivery also runs from the routing's after-commit callback, where joining
        // the finished transaction would never commit the claims and outcomes.
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.sendingTimeout = sendingTimeout;
    }

    void afterCommit(Collection<Long> handOffIds) {
        enqueueNewHandOffs(List.copyOf(handOffIds));
        runAfterCommit(this::deliverQuietly);
    }

    /** Written in the nurture runner's transaction, so the notice exists exactly when the step was done. */
    @EventListener
    void on(OwnerNotice notice) {
        String lead = notice.company().isEmpty() ? notice.leadName() : notice.leadName() + " / " + notice.company();
        enqueue(notice.ownerEmail(), text("nurture.mail.owner.subject", "Nurture program: {0}", notice.leadName(),
                        notice.program()),
                text("nurture.mail.owner.body", "The nurture program {1} asks you to look at {0} ({2}): /leads/{3}",
                        lead, notice.program(), notice.product(), String.valueOf(notice.leadId())));
        runAfterCommit(this::deliverQuietly);
    }

    void escalationsAfterCommit(List<RoutingService.Escalation> escalations) {
        List.copyOf(escalations).forEach(this::enqueueEscalation);
        runAfterCommit(this::deliverQuietly);
    }

    /**
     * The scheduled round, and the one right after a routing commits. A database or mail server that is away must
     * not end the schedule or fail a routing that has already committed: the notices wait in their table (and the
     * outcomes already known in {@link #answers}) for the next round.
     */
    @Scheduled(fixedDelayString = "${leads.routing.notice-retry-every:PT1M}",
            initialDelayString = "${leads.routing.notice-first-round-after:PT40S}")
    void deliverQuietly() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            log.warn("Notices not delivered this round, trying again on the next: {}", e.toString());
        }
    }

    /**
     * Sends every notice that is due, a small batch at a time, and returns how many were sent. Throws when the
     * database cannot be reached; what the mail server said by then is kept and written by a later round.
     */
    int deliverDue() {
        answers.recordKept(kept -> tx.executeWithoutResult(status -> write(kept)));
        giveUpInterrupted();
        int sent = 0;
        for (int round = 0; round < 50; round++) {
            List<Notice> batch = tx.execute(status -> claim());
            if (batch == null || batch.isEmpty()) {
                break;
            }
            sent += deliver(batch);
        }
        return sent;
    }

    /** Notices left sending by a process that stopped half-way: given up, visibly, rather than sent twice. */
    private void giveUpInterrupted() {
        Instant now = clock.instant();
        Integer n = tx.execute(status -> jdbc.sql("""
                update routing_notice set failed_at = ?, attempts = attempts + 1, last_error = ?, sending_since = null
                where sending_since < ? and sent_at is null and failed_at is null""")
                .params(Timestamp.from(now), INTERRUPTED, Timestamp.from(now.minus(sendingTimeout))).update());
        if (n != null && n > 0) {
            log.warn("{} notices were left half-sent by a stopped process and are marked failed", n);
        }
    }

    /** Takes a batch of due notices for this process: marked sending, committed before anything is sent. */
    private List<Notice> claim() {
        Instant now = clock.instant();
        return jdbc.sql("""
                update routing_notice set sending_since = ? where id in (
                    select id from routing_notice
                    where sent_at is null and failed_at is null and sending_since is null and next_attempt_at <= ?
                    order by id limit ? for update skip locked)
                returning id, recipient, subject, body, attempts""")
                .params(Timestamp.from(now), Timestamp.from(now), BATCH)
                .query((rs, n) -> new Notice(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5)))
                .list().stream().sorted(Comparator.comparingLong(Notice::id)).toList();
    }

    /** Hands the batch to the mail server (no transaction open), then records what became of each notice. */
    private int deliver(List<Notice> batch) {
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        int sent = 0;
        for (Notice notice : batch) {
            String error = send(notice.recipient(), notice.subject(), notice.body());
            if (error == null) {
                sent++;
            }
            outcomes.add(new Outcome(notice, error, clock.instant()));
        }
        answers.record(outcomes, answered -> tx.executeWithoutResult(status -> write(answered)));
        return sent;
    }

    private void write(List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            Notice notice = o.notice();
            if (o.error() == null) {
                // Also over a "failed, interrupted" mark another instance may have set meanwhile: it did go out.
                jdbc.sql("""
                        update routing_notice set sent_at = ?, attempts = attempts + 1, last_error = null,
                                                  failed_at = null, sending_since = null
                        where id = ?""")
                        .params(Timestamp.from(o.at()), notice.id()).update();
                continue;
            }
            String error = o.error();
            int attempts = notice.attempts() + 1;
            boolean giveUp = attempts >= MAX_ATTEMPTS;
            Duration pause = Duration.ofMinutes(1L << Math.min(attempts - 1, 20));
            pause = pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
            jdbc.sql("""
                    update routing_notice set attempts = ?, next_attempt_at = ?, failed_at = ?, last_error = ?,
                                              sending_since = null
                    where id = ? and sent_at is null""")
                    .params(attempts, Timestamp.from(o.at().plus(pause)), giveUp ? Timestamp.from(o.at()) : null,
                            error.length() > 500 ? error.substring(0, 500) : error, notice.id())
                    .update();
            if (giveUp) {
                log.error("Notice {} to {} failed {} times and is given up: {}", notice.id(), notice.recipient(),
                        attempts, error);
            } else {
                log.warn("Notice {} to {} not sent (attempt {}), retrying in {}: {}", notice.id(),
                        notice.recipient(), attempts, pause, error);
            }
        }
    }

    /** The notices the worker gave up on, newest first. */
    List<FailedNotice> failed(int limit) {
        return jdbc.sql("""
                select id, recipient, subject, attempts, coalesce(last_error, ''), failed_at from routing_notice
                where failed_at is not null order by failed_at desc, id desc limit ?""")
                .param(limit)
                .query((rs, n) -> new FailedNotice(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant()))
                .list();
    }

    /** Puts a failed notice back in line for another round of attempts. */
    boolean retry(long noticeId) {
        return jdbc.sql("""
                update routing_notice set failed_at = null, attempts = 0, next_attempt_at = ?, sending_since = null
                where id = ? and failed_at is not null and sent_at is null""")
                .params(Timestamp.from(clock.instant()), noticeId).update() > 0;
    }

    private record Notice(long id, String recipient, String subject, String body, int attempts) {
    }

    /** What the mail server said of one notice: accepted when error is null. */
    private record Outcome(Notice notice, String error, Instant at) {
    }

    private void enqueue(String to, String subject, String body) {
        Instant now = clock.instant();
        jdbc.sql("""
                insert into routing_notice (recipient, subject, body, created_at, next_attempt_at)
                values (?, ?, ?, ?, ?)""")
                .params(to, subject.length() > 300 ? subject.substring(0, 300) : subject, body, Timestamp.from(now),
                        Timestamp.from(now))
                .update();
    }

    private void runAfterCommit(Runnable work) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    work.run();
                }
            });
        } else {
            work.run();
        }
    }

    private record Line(long handOffId, long ownerId, String ownerEmail, String person, String company,
            String product, Long accountOwnerId, String accountOwnerEmail) {
    }

    private List<Line> lines(Collection<Long> handOffIds) {
        return jdbc.sql("""
                select h.id, h.owner_id, u.email, p.full_name, coalesce(c.name, ''), pr.name,
                       n.account_owner_id, au.email
                from hand_off h join app_user u on u.id = h.owner_id join lead l on l.id = h.lead_id
                join person p on p.id = l.person_id left join company c on c.id = p.company_id
                join product pr on pr.id = h.product_id
                left join account_notice n on n.hand_off_id = h.id left join app_user au on au.id = n.account_owner_id
                where h.id = any(?) order by h.id""")
                .param(handOffIds.toArray(Long[]::new))
                .query((rs, n) -> new Line(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), (Long) rs.getObject(7), rs.getString(8)))
                .list();
    }

    private void enqueueNewHandOffs(List<Long> handOffIds) {
        List<Line> lines = lines(handOffIds);
        Map<String, List<Line>> byOwner = new LinkedHashMap<>();
        for (Line line : lines) {
            if (line.ownerEmail() != null) {
                byOwner.computeIfAbsent(line.ownerEmail(), k -> new ArrayList<>()).add(line);
            }
            if (line.accountOwnerEmail() != null) {
                enqueue(line.accountOwnerEmail(), text("routing.mail.notice.subject",
                        "A lead of your account was routed", line.company()), text("routing.mail.notice.body",
                        "{0} ({1}) of {2} went to another owner. See the company page.",
                        line.person(), line.product(), line.company()));
            }
        }
        byOwner.forEach((email, list) -> {
            StringBuilder body = new StringBuilder(text("routing.mail.handoff.body",
                    "New hand-offs are waiting in your queue (/handoffs):")).append("\n\n");
            list.forEach(l -> body.append("- ").append(l.person()).append(" / ").append(l.company())
                    .append(" / ").append(l.product()).append('\n'));
            enqueue(email, text("routing.mail.handoff.subject", "{0} new hand-off(s)", list.size()), body.toString());
        });
    }

    private void enqueueEscalation(RoutingService.Escalation e) {
        if (e.notifiedUserId() == null) {
            log.warn("Hand-off {} is overdue and has no team lead or fallback owner to tell", e.handOffId());
            return;
        }
        String email = jdbc.sql("select email from app_user where id = ?").param(e.notifiedUserId())
                .query(String.class).optional().orElse(null);
        if (email == null) {
            log.warn("Hand-off {} is overdue but user {} has no e-mail address", e.handOffId(), e.notifiedUserId());
            return;
        }
        Line line = lines(List.of(e.handOffId())).get(0);
        enqueue(email, text("routing.mail.overdue.subject", "Overdue hand-off: {0}", line.person()),
                text("routing.mail.overdue.body", "{0} / {1} ({2}) was not accepted in time.", line.person(),
                        line.company(), line.product()));
    }

    /** Sends one message; the error text when the server refused or could not be reached, else null. */
    private String send(String to, String subject, String body) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            return "no mail sender configured";
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom("no-reply@leads.example.jp");
        message.setTo(to);
        message.setSubject(subject);
        message.setText(body);
        try {
            mail.send(message);
            return null;
        } catch (MailException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    private String text(String key, String fallback, Object... args) {
        return messages.getMessage(key, args, fallback, MAIL_LOCALE);
    }
}
