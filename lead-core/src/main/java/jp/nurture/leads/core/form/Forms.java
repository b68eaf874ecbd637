package jp.nurture.leads.core.form;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.nurture.leads.core.capture.CustomField;
import jp.nurture.leads.core.capture.CustomFields;
import jp.nurture.leads.core.consent.EmailType;
import jp.nurture.leads.core.consent.EmailTypes;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.party.JapaneseText;
import jp.nurture.leads.core.product.ProductNotFound;
import jp.nurture.leads.core.product.ProductScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Builds, lists and finds the capture forms of each product. */
@Service
public class Forms {

    private static final TypeReference<List<FormField>> FIELDS = new TypeReference<>() {
    };
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_LABEL = 120;
    private static final int MAX_THANK_YOU = 2000;
    private static final int MAX_URL = 2000;

    private static final String COLUMNS = """
            id, product_id, public_key, name, language, channel, source_detail, fields, consent_types, progressive,
            thank_you_ja, thank_you_en, redirect_url, submissions, version""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final CustomFields customFields;
    private final EmailTypes emailTypes;

    Forms(JdbcClient jdbc, JsonMapper json, CustomFields customFields, EmailTypes emailTypes) {
        this.jdbc = jdbc;
        this.json = json;
        this.customFields = customFields;
        this.emailTypes = emailTypes;
    }

    /** The forms of the products the caller sees, newest first. */
    @Transactional(readOnly = true)
    public List<LeadForm> list(ProductScope scope) {
        return jdbc.sql("select " + COLUMNS + " from lead_form where (?::bigint[] is null or product_id = any(?))"
                + " order by id desc")
                .params(scope.sqlFilter(), scope.sqlFilter()).query(this::form).list();
    }

    /** A form by id; another product's form is as unknown as a missing one. */
    @Transactional(readOnly = true)
    public LeadForm get(long id, ProductScope scope) {
        return jdbc.sql("select " + COLUMNS + " from lead_form where id = ?").param(id).query(this::form).optional()
                .filter(f -> scope.allows(f.productId())).orElseThrow(() -> new FormNotFound(String.valueOf(id)));
    }

    /** A form by its public key, for visitors. */
    @Transactional(readOnly = true)
    public Optional<LeadForm> byKey(String publicKey) {
        if (publicKey == null || publicKey.length() > 32) {
            return Optional.empty();
        }
        return jdbc.sql("select " + COLUMNS + " from lead_form where public_key = ?").param(publicKey)
                .query(this::form).optional();
    }

    /**
     * Starts a form for a product with the fields almost every form asks (email, name, company), channel web form.
     *
     * @throws InvalidForm when the name is missing or too long
     */
    @Transactional
    public long create(long productId, String name, String language, ProductScope scope, Long createdBy) {
        if (!scope.allows(productId) || jdbc.sql("select count(*) from product where id = ?").param(productId)
                .query(Long.class).single() == 0) {
            throw new ProductNotFound(productId);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String n = checkName(name, errors);
        String lang = checkLanguage(language, errors);
        if (!errors.isEmpty()) {
            throw new InvalidForm(errors);
        }
        List<FormField> fields = List.of(new FormField("email", true, "", ""),
                new FormField("full_name", true, "", ""), new FormField("company", true, "", ""));
        return jdbc.sql("""
                insert into lead_form (product_id, public_key, name, language, channel, fields, created_by)
                values (?, ?, ?, ?, ?, cast(? as jsonb), ?) returning id""")
                .params(productId, newKey(), n, lang, Channel.WEB_FORM.name(), json.writeValueAsString(fields),
                        createdBy)
                .query(Long.class).single();
    }

    /**
     * Saves the builder's draft after checking it whole.
     *
     * @throws InvalidForm with every problem found, keyed by setting or field key
     */
    @Transactional
    public void update(long id, FormDraft draft, ProductScope scope) {
        LeadForm form = get(id, scope);
        Map<String, String> errors = new LinkedHashMap<>();
        String name = checkName(draft.name(), errors);
        String language = checkLanguage(draft.language(), errors);
        if (draft.channel() == null) {
            errors.put("channel", "forms.error.channel");
        }
        String sourceDetail = JapaneseText.clean(draft.sourceDetail());
        if (sourceDetail != null && sourceDetail.length() > 200) {
            errors.put("sourceDetail", "forms.error.tooLong");
        }
        Map<String, FieldSpec> catalogue = new LinkedHashMap<>();
        catalogue(form.productId()).forEach(f -> catalogue.put(f.key(), f));
        List<FormField> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (FormField f : draft.orderedFields()) {
            if (!catalogue.containsKey(f.key()) || !seen.add(f.key())) {
                errors.put("fields", "forms.error.field");
                continue;
            }
            String position = draft.position(f.key());
            if (position != null && FormDraft.parsePosition(position) == null) {
                errors.put("order." + f.key(), "forms.error.order");
            }
            String ja = trimToEmpty(f.labelJa());
            String en = trimToEmpty(f.labelEn());
            if (ja.length() > MAX_LABEL || en.length() > MAX_LABEL) {
                errors.put("label." + f.key(), "forms.error.label");
            }
            fields.add(new FormField(f.key(), f.required(), ja, en));
        }
        if (fields.stream().noneMatch(f -> f.key().equals("email") && f.required())) {
            errors.put("fields", "forms.error.emailRequired");
        }
        Set<Long> offered = new HashSet<>(emailTypes.ofProduct(form.productId()).stream().map(EmailType::id).toList());
        List<Long> consents = draft.consentTypes() == null ? List.of()
                : draft.consentTypes().stream().distinct().toList();
        if (!offered.containsAll(consents)) {
            errors.put("consentTypes", "forms.error.consentType");
        }
        String thankYouJa = blankToNull(draft.thankYouJa());
        String thankYouEn = blankToNull(draft.thankYouEn());
        if (thankYouJa != null && thankYouJa.length() > MAX_THANK_YOU) {
            errors.put("thankYouJa", "forms.error.tooLong");
        }
        if (thankYouEn != null && thankYouEn.length() > MAX_THANK_YOU) {
            errors.put("thankYouEn", "forms.error.tooLong");
        }
        String redirect = blankToNull(draft.redirectUrl());
        if (redirect != null && !isWebAddress(redirect)) {
            errors.put("redirectUrl", "forms.error.redirectUrl");
        }
        if (!errors.isEmpty()) {
            throw new InvalidForm(errors);
        }
        int updated = jdbc.sql("""
                update lead_form set name = ?, language = ?, channel = ?, source_detail = ?, fields = cast(? as jsonb),
                       consent_types = ?, progressive = ?, thank_you_ja = ?, thank_you_en = ?, redirect_url = ?,
                       updated_at = now(), version = version + 1
                where id = ? and version = ?""")
                .params(name, language, draft.channel().name(), sourceDetail, json.writeValueAsString(fields),
                        consents.toArray(Long[]::new), draft.progressive(), thankYouJa, thankYouEn, redirect, id,
                        draft.version())
                .update();
        if (updated == 0) {
            throw new InvalidForm(Map.of("form", "forms.error.concurrent"));
        }
    }

    /** Every field a form of this product can ask: the standard ones, then the product's custom fields. */
    @Transactional(readOnly = true)
    public List<FieldSpec> catalogue(long productId) {
        List<FieldSpec> all = new ArrayList<>();
        for (StandardField f : StandardField.values()) {
            all.add(new FieldSpec(f.key(), f.group(), f.input(), f.maxLength(), f.options(), false, f.labelJa(),
                    f.labelEn()));
        }
        for (CustomField c : customFields.of(productId)) {
            InputType input = switch (c.type()) {
                case TEXT -> InputType.TEXT;
                case NUMBER -> InputType.NUMBER;
                case DATE -> InputType.DATE;
                case CHOICE -> InputType.SELECT;
            };
            all.add(new FieldSpec(c.mappingKey(), StandardField.Group.CUSTOM, input, input == InputType.TEXT ? 1000 : 40,
                    c.choices(), false, c.label(), c.label()));
        }
        return all;
    }

    /** The form's fields as it asks them: catalogue entries with the form's flags and labels (defaults if blank). */
    @Transactional(readOnly = true)
    public List<FieldSpec> specs(LeadForm form) {
        Map<String, FieldSpec> catalogue = new LinkedHashMap<>();
        catalogue(form.productId()).forEach(f -> catalogue.put(f.key(), f));
        List<FieldSpec> specs = new ArrayList<>();
        for (FormField f : form.fields()) {
            FieldSpec c = catalogue.get(f.key());
            if (c == null) {
                continue; // a custom field removed from the product since the form was built
            }
            specs.add(new FieldSpec(c.key(), c.group(), c.input(), c.maxLength(), c.options(), f.required(),
                    f.labelJa().isBlank() ? c.labelJa() : f.labelJa(), f.labelEn().isBlank() ? c.labelEn() : f.labelEn()));
        }
        return specs;
    }

    /** The e-mail types the form offers as opt-in boxes, in the product's order. */
    @Transactional(readOnly = true)
    public List<EmailType> consentTypes(LeadForm form) {
        return emailTypes.ofProduct(form.productId()).stream().filter(t -> form.consentTypes().contains(t.id()))
                .toList();
    }

    /** The e-mail types of a product, which a form may offer as opt-in boxes. */
    @Transactional(readOnly = true)
    public List<EmailType> emailTypesOf(long productId) {
        return emailTypes.ofProduct(productId);
    }

    /** Only absolute http(s) addresses with a host: a redirect never runs script or leaves the web. */
    static boolean isWebAddress(String text) {
        if (text.length() > MAX_URL || !text.equals(text.strip()) || text.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return false;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && !uri.getHost().isBlank() && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String checkName(String name, Map<String, String> errors) {
        String n = JapaneseText.clean(name);
        if (n == null) {
            errors.put("name", "forms.error.required");
        } else if (n.length() > 200) {
            errors.put("name", "forms.error.tooLong");
        }
        return n;
    }

    private static String checkLanguage(String language, Map<String, String> errors) {
        if (!"ja".equals(language) && !"en".equals(language)) {
            errors.put("language", "forms.error.language");
        }
        return language;
    }

    private static String newKey() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String trimToEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private LeadForm form(ResultSet rs, int row) throws SQLException {
        Long[] consents = (Long[]) rs.getArray(9).getArray();
        return new LeadForm(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Channel.valueOf(rs.getString(6)), rs.getString(7), json.readValue(rs.getString(8), FIELDS),
                List.of(consents), rs.getBoolean(10), rs.getString(11), rs.getString(12), rs.getString(13),
                rs.getLong(14), rs.getLong(15));
    }
}
