package jp.nurture.leads.core.campaign;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.activity.NewActivity;
import jp.nurture.leads.core.consent.ConsentBasis;
import jp.nurture.leads.core.consent.Consents;
import jp.nurture.leads.core.tracking.TrackedLinks.InvalidTrackedLink;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What recipients do with a message, reached through its signed links without signing in: opens and clicks go on
 * the lead's timeline (scoring reacts to them) and count once per message in the stats; the unsubscribe link
 * withdraws the message's product × email type; the preference page shows every type the person may get and
 * offers the global opt-out. A damaged or foreign token raises {@link InvalidTrackedLink}.
 */
@Service
public class EmailResponses {

    private final JdbcClient jdbc;
    private final EmailLinks links;
    private final Consents consents;
    private final ActivityLog activities;
    private final Clock clock;

    EmailResponses(JdbcClient jdbc, EmailLinks links, Consents consents, ActivityLog activities, Clock clock) {
        this.jdbc = jdbc;
        this.links = links;
        this.consents = consents;
        this.activities = activities;
        this.clock = clock;
    }

    /** The message behind a token, as recipients see it named. */
    public record Message(long outboxId, long sendId, long leadId, long productId, long personId, long emailTypeId,
            String product, String emailTypeJa, String emailTypeEn, String subject) {
    }

    /** A verified click: who it was and where it lands. */
    public record Click(long leadId, URI destination) {
    }

    /** One email type on the preference page. */
    public record Preference(long emailTypeId, String product, String nameJa, String nameEn, boolean receiving) {
    }

    /** The preference page of a person. */
    public record Preferences(long personId, String maskedEmail, boolean suppressed, List<Preference> types) {
    }

    @Transactional
    public void opened(String token) {
        message(links.id(EmailLinks.OPEN, token)).ifPresent(m -> {
            if (firstTime(m.outboxId(), "OPEN")) {
                activities.record(new NewActivity(m.leadId(), m.productId(), ActivityType.EMAIL_OPENED,
                        clock.instant(), null, Map.of("sendId", m.sendId(), "subject", m.subject())));
            }
        });
    }

    /** Records the click and answers where to go; the destination is only ever the signed one. */
    @Transactional
    public Click clicked(String token, boolean count) {
        EmailLinks.Click click = links.click(token);
        Message m = message(click.outboxId()).orElseThrow(InvalidTrackedLink::new);
        if (count) {
            firstTime(m.outboxId(), "CLICK");
            activities.record(new NewActivity(m.leadId(), m.productId(), ActivityType.EMAIL_CLICKED, clock.instant(),
                    null, Map.of("sendId", m.sendId(), "subject", m.subject(), "url",
                            click.destination().toString())));
        }
        return new Click(m.leadId(), click.destination());
    }

    /** What an unsubscribe token would withdraw (the confirmation page shows it and changes nothing). */
    @Transactional(readOnly = true)
    public Message unsubscribeTarget(String token) {
        return message(links.id(EmailLinks.UNSUBSCRIBE, token)).orElseThrow(InvalidTrackedLink::new);
    }

    /** Withdraws the message's product × email type; repeating it changes nothing more. */
    @Transactional
    public Message unsubscribe(String token) {
        Message m = unsubscribeTarget(token);
        consents.withdraw(m.personId(), m.emailTypeId(), "unsubscribe link of message " + m.outboxId());
        firstTime(m.outboxId(), "UNSUBSCRIBE");
        return m;
    }

    /** The person a preference token belongs to. */
    public long personOf(String token) {
        return links.id(EmailLinks.PREFERENCES, token);
    }

    /** Every email type of the products the person is a lead of, and whether they receive it now. */
    @Transactional(readOnly = true)
    public Preferences preferences(long personId) {
        String email = jdbc.sql("select email from person where id = ?").param(personId).query(String.class)
                .optional().orElseThrow(InvalidTrackedLink::new);
        List<Preference> types = jdbc.sql("""
                select t.id, pr.name, t.name_ja, t.name_en, coalesce(c.status = 'GRANTED', false)
                from lead l join product pr on pr.id = l.product_id join email_type t on t.product_id = l.product_id
                left join consent c on c.person_id = l.person_id and c.email_type_id = t.id
                where l.person_id = ? order by pr.id, t.id""")
                .param(personId)
                .query((rs, n) -> new Preference(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5)))
                .list();
        return new Preferences(personId, mask(email), email != null && consents.isSuppressed(email), types);
    }

    /**
     * Saves the page: ticked types are opted into (the person asked, on our page), unticked ones withdrawn; the
     * global opt-out withdraws everything and suppresses the address.
     */
    @Transactional
    public void savePreferences(long personId, Set<Long> receiving, boolean nothingAtAll) {
        if (nothingAtAll) {
            consents.optOutEverywhere(personId, "preference page");
            return;
        }
        for (Preference p : preferences(personId).types()) {
            boolean wanted = receiving.contains(p.emailTypeId());
            if (wanted && !p.receiving()) {
                consents.grant(personId, p.emailTypeId(), ConsentBasis.OPT_IN, "preference page");
            } else if (!wanted && p.receiving()) {
                consents.withdraw(personId, p.emailTypeId(), "preference page");
            }
        }
    }

    private boolean firstTime(long outboxId, String kind) {
        return jdbc.sql("insert into email_event (outbox_id, kind, occurred_at) values (?, ?, ?) on conflict do nothing")
                .params(outboxId, kind, Timestamp.from(Instant.now(clock))).update() > 0;
    }

    private Optional<Message> message(long outboxId) {
        return jdbc.sql("""
                select o.id, s.id, l.id, l.product_id, l.person_id, t.id, pr.name, t.name_ja, t.name_en, s.subject
                from email_outbox o join email_send s on s.id = o.send_id join lead l on l.id = o.lead_id
                join email_type t on t.id = s.email_type_id join product pr on pr.id = l.product_id
                where o.id = ?""")
                .param(outboxId)
                .query((rs, n) -> new Message(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10)))
                .optional();
    }

    /** Enough of the address for a person to recognise it, not enough for a forwarded link to leak it. */
    static String mask(String email) {
        if (email == null) {
            return "";
        }
        int at = email.indexOf('@');
        if (at <= 1) {
            return "***" + (at >= 0 ? email.substring(at) : "");
        }
        return email.charAt(0) + "***" + email.substring(at);
    }
}
