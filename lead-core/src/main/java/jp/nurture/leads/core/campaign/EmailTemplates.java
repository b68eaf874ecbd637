package jp.nurture.leads.core.campaign;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import jp.nurture.leads.core.consent.EmailType;
import jp.nurture.leads.core.consent.EmailTypes;
import jp.nurture.leads.core.product.ProductScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Email templates per product × email type, with a preview for a real lead. A template is checked when saved:
 * the subject is one line, every part compiles, and the HTML part cannot switch escaping off.
 */
@Service
@Transactional(readOnly = true)
public class EmailTemplates {

    private static final String COLUMNS = "id, product_id, email_type_id, name, subject, html_body, text_body, version";
    static final int MAX_BODY = 200_000;

    private final JdbcClient jdbc;
    private final EmailTypes emailTypes;
    private final EmailLinks links;
    private final EmailProperties properties;
    private final Clock clock;

    EmailTemplates(JdbcClient jdbc, EmailTypes emailTypes, EmailLinks links, EmailProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.emailTypes = emailTypes;
        this.links = links;
        this.properties = properties;
        this.clock = clock;
    }

    public List<EmailTemplate> list(ProductScope scope) {
        return jdbc.sql("select " + COLUMNS + " from email_template where (?::bigint[] is null or product_id = any(?))"
                        + " order by product_id, name, id")
                .params(scope.sqlFilter(), scope.sqlFilter()).query(EmailTemplates::map).list();
    }

    public EmailTemplate get(long id, ProductScope scope) {
        return jdbc.sql("select " + COLUMNS + " from email_template where id = ?").param(id)
                .query(EmailTemplates::map).optional().filter(t -> scope.allows(t.productId()))
                .orElseThrow(() -> new CampaignNotFound("template", id));
    }

    @Transactional
    public long create(long productId, long emailTypeId, String name, String subject, String html, String text,
            ProductScope scope) {
        checked(productId, emailTypeId, subject, html, text, scope);
        return jdbc.sql("""
                insert into email_template (product_id, email_type_id, name, subject, html_body, text_body, updated_at)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(productId, emailTypeId, Texts.required(name, 200, "template.invalid.name"), subject.strip(),
                        html, text, Timestamp.from(clock.instant()))
                .query(Long.class).single();
    }

    @Transactional
    public void update(long id, long emailTypeId, String name, String subject, String html, String text,
            ProductScope scope) {
        EmailTemplate template = get(id, scope);
        checked(template.productId(), emailTypeId, subject, html, text, scope);
        jdbc.sql("""
                update email_template set email_type_id = ?, name = ?, subject = ?, html_body = ?, text_body = ?,
                       updated_at = ?, version = version + 1 where id = ?""")
                .params(emailTypeId, Texts.required(name, 200, "template.invalid.name"), subject.strip(), html, text,
                        Timestamp.from(clock.instant()), id)
                .update();
    }

    /** The template as the lead would receive it (links point nowhere real: preview is not a send). */
    public RenderedEmail preview(long templateId, long leadId, ProductScope scope) {
        EmailTemplate template = get(templateId, scope);
        Recipient recipient = jdbc.sql(Recipient.SELECT + " where l.id = ? and l.product_id = ?")
                .params(leadId, template.productId()).query(Recipient::map).optional()
                .orElseThrow(() -> new InvalidCampaignInput("template.invalid.previewLead"));
        return render(template, recipient, 0);
    }

    /** Renders for a recipient without a message of the outbox (preview, a test send to oneself). */
    RenderedEmail render(EmailTemplate template, Recipient recipient, long outboxId) {
        EmailType type = emailTypes.find(template.emailTypeId()).orElseThrow();
        return MailMerge.of(template.subject(), template.htmlBody(), template.textBody())
                .render(recipient, links.forMessage(outboxId, recipient.personId()), footer(type));
    }

    MailMerge.Footer footer(EmailType type) {
        return new MailMerge.Footer(properties.senderName(), properties.senderAddress(), properties.postalAddress(),
                type.name(Locale.JAPANESE));
    }

    private void checked(long productId, long emailTypeId, String subject, String html, String text,
            ProductScope scope) {
        if (!scope.allows(productId)) {
            throw new InvalidCampaignInput("campaign.invalid.product");
        }
        EmailType type = emailTypes.find(emailTypeId).filter(t -> t.productId() == productId)
                .orElseThrow(() -> new InvalidCampaignInput("template.invalid.emailType"));
        Texts.oneLine(subject, 300, "template.invalid.subject");
        if (html == null || html.isBlank() || html.length() > MAX_BODY) {
            throw new InvalidCampaignInput("template.invalid.html");
        }
        if (text == null || text.isBlank() || text.length() > MAX_BODY) {
            throw new InvalidCampaignInput("template.invalid.text");
        }
        // Unescaped merge values would let whatever a lead typed into a form become markup in our mail.
        if (html.contains("{{{") || html.contains("{{&")) {
            throw new InvalidCampaignInput("template.invalid.unescaped");
        }
        MailMerge.of(subject, html, text).render(new Recipient(0, productId, 0, "name", "email@example.jp",
                "company", "department", "title", "owner", "product"), links.forMessage(0, 0), footer(type));
    }

    private static EmailTemplate map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new EmailTemplate(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getLong(8));
    }
}
