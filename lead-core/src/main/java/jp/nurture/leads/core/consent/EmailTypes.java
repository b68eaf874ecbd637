package jp.nurture.leads.core.consent;

import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The email types of each product. */
@Service
public class EmailTypes {

    /** What a new product starts with: the kinds of email seed 000 names, editable afterwards. */
    public static final List<EmailType> STARTER = List.of(
            new EmailType(0, 0, "NEWSLETTER", "ニュースレター", "Newsletter"),
            new EmailType(0, 0, "SEMINAR", "セミナー・イベントのご案内", "Seminar and event invitations"),
            new EmailType(0, 0, "CASE_STUDY", "導入事例", "Case studies"),
            new EmailType(0, 0, "FOLLOW_UP", "担当者からのご連絡", "Follow-up from your contact"));

    private final JdbcClient jdbc;

    EmailTypes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<EmailType> ofProduct(long productId) {
        return jdbc.sql("select id, product_id, code, name_ja, name_en from email_type where product_id = ? order by id")
                .param(productId).query(EmailTypes::map).list();
    }

    @Transactional(readOnly = true)
    public Optional<EmailType> find(long id) {
        return jdbc.sql("select id, product_id, code, name_ja, name_en from email_type where id = ?")
                .param(id).query(EmailTypes::map).optional();
    }

    /**
     * Adds an email type to a product.
     *
     * @throws DuplicateEmailType when the product already has one with this code
     * @throws IllegalArgumentException when the code or a name is blank or too long
     */
    @Transactional
    public EmailType add(long productId, String code, String nameJa, String nameEn) {
        String cleanCode = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
        if (!cleanCode.matches("[A-Z0-9_]{1,40}") || blankOrLong(nameJa) || blankOrLong(nameEn)) {
            throw new IllegalArgumentException("an email type needs a code of A-Z, 0-9 and _ and two names");
        }
        try {
            long id = jdbc.sql("""
                    insert into email_type (product_id, code, name_ja, name_en) values (?, ?, ?, ?) returning id""")
                    .params(productId, cleanCode, nameJa.strip(), nameEn.strip()).query(Long.class).single();
            return new EmailType(id, productId, cleanCode, nameJa.strip(), nameEn.strip());
        } catch (DuplicateKeyException e) {
            throw new DuplicateEmailType(cleanCode);
        }
    }

    /** Gives a product the {@link #STARTER} types it does not have yet. */
    @Transactional
    public void addStarterTypes(long productId) {
        for (EmailType type : STARTER) {
            jdbc.sql("""
                    insert into email_type (product_id, code, name_ja, name_en) values (?, ?, ?, ?)
                    on conflict (product_id, code) do nothing""")
                    .params(productId, type.code(), type.nameJa(), type.nameEn()).update();
        }
    }

    private static boolean blankOrLong(String name) {
        return name == null || name.isBlank() || name.strip().length() > 100;
    }

    private static EmailType map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new EmailType(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }
}
