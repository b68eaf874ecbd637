package jp.nurture.leads.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * E-mails field sales about new hand-offs (one message per owner per routing), team leads about overdue ones and
 * account owners about leads of their account given to someone else. Sent only after the routing commits; a mail
 * server that is down is logged and does not undo the routing — the queue page shows the hand-off either way.
 */
@Component
class HandOffMail {

    private static final Logger log = LoggerFactory.getLogger(HandOffMail.class);
    private static final Locale MAIL_LOCALE = Locale.JAPANESE;

    private final ObjectProvider<JavaMailSender> sender;
    private final MessageSource messages;
    private final JdbcClient jdbc;

    HandOffMail(ObjectProvider<JavaMailSender> sender, MessageSource messages, JdbcClient jdbc) {
        this.sender = sender;
        this.messages = messages;
        this.jdbc = jdbc;
    }

    void afterCommit(Collection<Long> handOffIds) {
        List<Long> ids = List.copyOf(handOffIds);
        runAfterCommit(() -> sendNewHandOffs(ids));
    }

    void escalationsAfterCommit(List<RoutingService.Escalation> escalations) {
        List<RoutingService.Escalation> copy = List.copyOf(escalations);
        runAfterCommit(() -> copy.forEach(this::sendEscalation));
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

    private void sendNewHandOffs(List<Long> handOffIds) {
        try {
            List<Line> lines = lines(handOffIds);
            Map<String, List<Line>> byOwner = new LinkedHashMap<>();
            for (Line line : lines) {
                if (line.ownerEmail() != null) {
                    byOwner.computeIfAbsent(line.ownerEmail(), k -> new ArrayList<>()).add(line);
                }
                if (line.accountOwnerEmail() != null) {
                    send(line.accountOwnerEmail(), text("routing.mail.notice.subject", "A lead of your account was routed",
                            line.company()), text("routing.mail.notice.body",
                            "{0} ({1}) of {2} went to another owner. See the company page.",
                            line.person(), line.product(), line.company()));
                }
            }
            byOwner.forEach((email, list) -> {
                StringBuilder body = new StringBuilder(text("routing.mail.handoff.body",
                        "New hand-offs are waiting in your queue (/handoffs):")).append("\n\n");
                list.forEach(l -> body.append("- ").append(l.person()).append(" / ").append(l.company())
                        .append(" / ").append(l.product()).append('\n'));
                send(email, text("routing.mail.handoff.subject", "{0} new hand-off(s)", list.size()), body.toString());
            });
        } catch (RuntimeException e) {
            log.warn("Hand-off notification not sent for hand-offs {}: {}", handOffIds, e.toString());
        }
    }

    private void sendEscalation(RoutingService.Escalation e) {
        if (e.notifiedUserId() == null) {
            log.warn("Hand-off {} is overdue and has no team lead or fallback owner to tell", e.handOffId());
            return;
        }
        try {
            String email = jdbc.sql("select email from app_user where id = ?").param(e.notifiedUserId())
                    .query(String.class).optional().orElse(null);
            Line line = lines(List.of(e.handOffId())).get(0);
            if (email != null) {
                send(email, text("routing.mail.overdue.subject", "Overdue hand-off: {0}", line.person()),
                        text("routing.mail.overdue.body", "{0} / {1} ({2}) was not accepted in time.", line.person(),
                                line.company(), line.product()));
            }
        } catch (RuntimeException ex) {
            log.warn("Escalation notification not sent for hand-off {}: {}", e.handOffId(), ex.toString());
        }
    }

    private void send(String to, String subject, String body) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            log.warn("No mail sender configured; not sent to {}: {}", to, subject);
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom("no-reply@leads.example.jp");
        message.setTo(to);
        message.setSubject(subject);
        message.setText(body);
        try {
            mail.send(message);
        } catch (MailException e) {
            log.warn("Mail to {} not sent: {}", to, e.toString());
        }
    }

    private String text(String key, String fallback, Object... args) {
        return messages.getMessage(key, args, fallback, MAIL_LOCALE);
    }
}
