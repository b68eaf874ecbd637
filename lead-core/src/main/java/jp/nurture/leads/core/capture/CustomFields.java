package jp.nurture.leads.core.capture;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import jp.nurture.leads.core.party.JapaneseText;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Defines and lists the custom fields of each product. */
@Service
public class CustomFields {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,59}");

    private final JdbcClient jdbc;

    CustomFields(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a field to a product; the key is lower-case ASCII and unique within the product. */
    @Transactional
    public CustomField define(long productId, String key, String label, CustomFieldType type, List<String> choices) {
        String k = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
        if (!KEY.matcher(k).matches()) {
            throw new InvalidCustomField("key");
        }
        String l = JapaneseText.clean(label);
        if (l == null || l.length() > 120) {
            throw new InvalidCustomField("label");
        }
        List<String> options = choices == null ? List.of()
                : choices.stream().map(JapaneseText::clean).filter(c -> c != null).distinct().toList();
        if (type == CustomFieldType.CHOICE && options.isEmpty()) {
            throw new InvalidCustomField("choices");
        }
        try {
            long id = jdbc.sql("""
                    insert into custom_field (product_id, key, label, type, choices) values (?, ?, ?, ?, ?)
                    returning id""")
                    .params(productId, k, l, type.name(), options.toArray(String[]::new)).query(Long.class).single();
            return new CustomField(id, productId, k, l, type, type == CustomFieldType.CHOICE ? options : List.of());
        } catch (DuplicateKeyException e) {
            throw new InvalidCustomField("duplicate");
        }
    }

    /**
     * Changes a field's label and, for a choice field, its options. Key and type stay as defined: leads already
     * hold values under that key in that type, and segments and routing rules refer to the key.
     */
    @Transactional
    public CustomField redefine(long productId, long fieldId, String label, List<String> choices) {
        CustomField field = of(productId).stream().filter(f -> f.id() == fieldId).findFirst()
                .orElseThrow(() -> new InvalidCustomField("missing"));
        String l = JapaneseText.clean(label);
        if (l == null || l.length() > 120) {
            throw new InvalidCustomField("label");
        }
        List<String> options = field.type() != CustomFieldType.CHOICE || choices == null ? List.of()
                : choices.stream().map(JapaneseText::clean).filter(c -> c != null).distinct().toList();
        if (field.type() == CustomFieldType.CHOICE && options.isEmpty()) {
            throw new InvalidCustomField("choices");
        }
        jdbc.sql("update custom_field set label = ?, choices = ? where id = ? and product_id = ?")
                .params(l, options.toArray(String[]::new), fieldId, productId).update();
        return new CustomField(fieldId, productId, field.key(), l, field.type(), options);
    }

    /**
     * Removes a field's definition. Values leads already hold stay in their record (an erasure request still
     * exports them) but are no longer offered, imported or accepted.
     */
    @Transactional
    public boolean remove(long productId, long fieldId) {
        return jdbc.sql("delete from custom_field where id = ? and product_id = ?").params(fieldId, productId)
                .update() > 0;
    }

    /** The custom values a lead holds, as JSON text ({@code {}} when none). */
    @Transactional(readOnly = true)
    public String valuesOf(long leadId) {
        return jdbc.sql("select custom::text from lead where id = ?").param(leadId).query(String.class).optional()
                .orElse("{}");
    }

    /** The product's custom fields in the order they were defined. */
    @Transactional(readOnly = true)
    public List<CustomField> of(long productId) {
        return jdbc.sql("select id, product_id, key, label, type, choices from custom_field where product_id = ? order by id")
                .param(productId)
                .query((rs, n) -> new CustomField(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        CustomFieldType.valueOf(rs.getString(5)),
                        List.of((String[]) rs.getArray(6).getArray())))
                .list();
    }

    /** A custom field definition was refused; {@code field} names what was wrong. */
    public static class InvalidCustomField extends RuntimeException {
        private final String field;

        InvalidCustomField(String field) {
            super("invalid custom field: " + field);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
