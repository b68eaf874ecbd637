package jp.nurture.leads.core.campaign;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import jp.nurture.leads.core.product.ProductScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues mailings: a template to a campaign's members becomes one send (the template copied) and one outbox row
 * per member, in one statement. Consent is not decided here but when each message leaves: an opt-out that comes
 * in between still counts. Also the numbers per send and per email type.
 */
@Service
@Transactional(readOnly = true)
public class EmailSends {

    private static final String STATS = """
            count(*) filter (where o.status in ('PENDING', 'SENDING')), count(*) filter (where o.status = 'SENT'),
            count(*) filter (where o.status = 'SKIPPED'), count(*) filter (where o.status = 'FAILED'),
            count(*) filter (where o.status = 'BOUNCED'),
            count(*) filter (where exists (select 1 from email_event e where e.outbox_id = o.id and e.kind = 'OPEN')),
            count(*) filter (where exists (select 1 from email_event e where e.outbox_id = o.id and e.kind = 'CLICK')),
            count(*) filter (where exists (select 1 from email_event e where e.outbox_id = o.id
                                           and e.kind = 'UNSUBSCRIBE'))""";

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final EmailTemplates templates;
    private final Clock clock;

    EmailSends(JdbcClient jdbc, Campaigns campaigns, EmailTemplates templates, Clock clock) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.templates = templates;
        this.clock = clock;
    }

    /** Sends the template to every member of the campaign; returns the send's id. */
    @Transactional
    public long issue(long campaignId, long templateId, Long actorId, ProductScope scope) {
        Campaign campaign = campaigns.get(campaignId, scope);
        EmailTemplate template = templates.get(templateId, scope);
        if (template.productId() != campaign.productId()) {
            throw new InvalidCampaignInput("send.invalid.product");
        }
        Timestamp now = Timestamp.from(clock.instant());
        long sendId = jdbc.sql("""
                insert into email_send (product_id, campaign_id, template_id, email_type_id, subject, html_body,
                                        text_body, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(campaign.productId(), campaignId, templateId, template.emailTypeId(), template.subject(),
                        template.htmlBody(), template.textBody(), actorId, now)
                .query(Long.class).single();
        jdbc.sql("""
                insert into email_outbox (send_id, lead_id, next_attempt_at, created_at)
                select ?, m.lead_id, ?, ? from campaign_member m where m.campaign_id = ?
                on conflict do nothing""")
                .params(sendId, now, now, campaignId).update();
        return sendId;
    }

    /** The email step of a nurture program as a send of its own, made the first time the step runs. */
    @Transactional
    long forProgramStep(long programId, int position, long templateId) {
        EmailTemplate template = templates.get(templateId, ProductScope.all());
        return jdbc.sql("""
                insert into email_send (product_id, program_id, step_position, template_id, email_type_id, subject,
                                        html_body, text_body, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (program_id, step_position) do update set program_id = excluded.program_id
                returning id""")
                .params(template.productId(), programId, position, templateId, template.emailTypeId(),
                        template.subject(), template.htmlBody(), template.textBody(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
    }

    public List<SendStats> ofCampaign(long campaignId, ProductScope scope) {
        campaigns.get(campaignId, scope);
        return jdbc.sql("select s.id, s.subject, s.created_at, " + STATS + """
                 from email_send s left join email_outbox o on o.send_id = s.id
                where s.campaign_id = ? group by s.id order by s.id desc""")
                .param(campaignId).query(EmailSends::stats).list();
    }

    public SendStats ofSend(long sendId, ProductScope scope) {
        return jdbc.sql("select s.id, s.subject, s.created_at, " + STATS + """
                 from email_send s left join email_outbox o on o.send_id = s.id
                where s.id = ? and (?::bigint[] is null or s.product_id = any(?)) group by s.id""")
                .params(sendId, scope.sqlFilter(), scope.sqlFilter()).query(EmailSends::stats).optional()
                .orElseThrow(() -> new CampaignNotFound("send", sendId));
    }

    /**
     * The campaign's messages that did not arrive, newest first: given up after the mail server kept deferring
     * them (or after an interrupted hand-over) and hard bounces, each with the server's last answer.
     */
    public List<UndeliveredEmail> undelivered(long campaignId, int limit, ProductScope scope) {
        campaigns.get(campaignId, scope);
        return jdbc.sql("""
                select o.id, s.id, s.subject, o.lead_id, p.full_name, p.email, o.status, o.attempts,
                       coalesce(o.last_error, '')
                from email_send s join email_outbox o on o.send_id = s.id
                join lead l on l.id = o.lead_id join person p on p.id = l.person_id
                where s.campaign_id = ? and o.status in ('FAILED', 'BOUNCED')
                order by o.id desc limit ?""")
                .params(campaignId, limit)
                .query((rs, n) -> new UndeliveredEmail(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), UndeliveredEmail.Reason.valueOf(rs.getString(7)),
                        rs.getInt(8), rs.getString(9)))
                .list();
    }

    /** Every send of a product added up by email type (the unit people unsubscribe from). */
    public List<SendStats> byEmailType(long productId, ProductScope scope) {
        if (!scope.allows(productId)) {
            return List.of();
        }
        return jdbc.sql("select t.id, t.name_ja, min(s.created_at), " + STATS + """
                 from email_type t join email_send s on s.email_type_id = t.id
                left join email_outbox o on o.send_id = s.id
                where t.product_id = ? group by t.id, t.name_ja order by t.id""")
                .param(productId).query(EmailSends::stats).list();
    }

    private static SendStats stats(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp created = rs.getTimestamp(3);
        return new SendStats(rs.getLong(1), rs.getString(2), created == null ? null : created.toInstant(),
                rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                rs.getLong(10), rs.getLong(11));
    }
}
