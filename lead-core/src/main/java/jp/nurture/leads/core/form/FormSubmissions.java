package jp.nurture.leads.core.form;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.activity.NewActivity;
import jp.nurture.leads.core.capture.RecordCapture;
import jp.nurture.leads.core.consent.ConsentBasis;
import jp.nurture.leads.core.consent.Consents;
import jp.nurture.leads.core.party.JapaneseText;
import jp.nurture.leads.core.tracking.VisitorIdentity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes a visitor's submission of a form: checks every field the form asks, merges person, company and the
 * product's lead through lead capture (the same dedupe as imports), fills BANT answers the lead does not have
 * yet, stores the ticked opt-ins, records FORM_SUBMITTED (scoring listens) and ties the tracked visitor to the
 * lead.
 */
@Service
public class FormSubmissions {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{6,20}(?:[#*x][0-9]+)?");

    private final Forms forms;
    private final RecordCapture capture;
    private final Consents consents;
    private final ActivityLog activities;
    private final VisitorIdentity visitors;
    private final JdbcClient jdbc;
    private final Clock clock;

    FormSubmissions(Forms forms, RecordCapture capture, Consents consents, ActivityLog activities,
            VisitorIdentity visitors, JdbcClient jdbc, Clock clock) {
        this.forms = forms;
        this.capture = capture;
        this.consents = consents;
        this.activities = activities;
        this.visitors = visitors;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The lead a submission went to, and whether it is new. */
    public record Accepted(long leadId, boolean created) {
    }

    /**
     * Stores a submission. {@code values} may hold anything the request carried: only the form's own fields are
     * read from it.
     *
     * @throws InvalidForm with a message code per field when something must be corrected; nothing is stored then
     */
    @Transactional
    public Accepted submit(LeadForm form, Map<String, String> values, Collection<Long> ticked, UUID visitor) {
        Set<String> hidden = hiddenFields(form, visitor);
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> captured = new LinkedHashMap<>();
        Map<StandardField, Object> bant = new LinkedHashMap<>();
        for (FieldSpec spec : forms.specs(form)) {
            if (hidden.contains(spec.key())) {
                continue;
            }
            String raw = values.get(spec.key());
            String value = raw == null || raw.isBlank() ? null : raw.strip();
            if (value == null) {
                if (spec.required()) {
                    errors.put(spec.key(), "forms.error.required");
                }
                continue;
            }
            String problem = check(spec, value);
            if (problem != null) {
                errors.put(spec.key(), problem);
                continue;
            }
            Optional<StandardField> standard = StandardField.ofKey(spec.key());
            if (standard.isPresent() && standard.get().captureKey() == null) {
                bant.put(standard.get(), switch (standard.get()) {
                    case BUDGET_YEN -> number(value).longValueExact();
                    default -> value;
                });
            } else {
                captured.put(standard.map(StandardField::captureKey).orElse(spec.key()), value);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidForm(errors);
        }
        Instant now = clock.instant();
        RecordCapture.Captured lead;
        try {
            lead = capture.capture(form.productId(), captured, form.channel(), form.sourceDetail(), now);
        } catch (RecordCapture.Rejected e) {
            String field = switch (e.reason()) {
                case "email" -> "email";
                case "phone" -> "phone";
                default -> "form";
            };
            throw new InvalidForm(Map.of(field, field.equals("form") ? "forms.error.rejected" : "forms.error." + field));
        }
        if (!bant.isEmpty()) {
            fillBant(lead.leadId(), bant);
        }
        String source = "form:" + form.id();
        for (Long type : ticked) {
            if (form.consentTypes().contains(type)) {
                consents.grant(lead.personId(), type, ConsentBasis.OPT_IN, source);
            }
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("form", form.id());
        detail.put("formName", form.name());
        detail.put("channel", form.channel().name());
        if (form.sourceDetail() != null) {
            detail.put("source", form.sourceDetail());
        }
        if (lead.created()) {
            detail.put("created", true);
        }
        activities.record(new NewActivity(lead.leadId(), form.productId(), ActivityType.FORM_SUBMITTED, now, null,
                detail));
        if (visitor != null) {
            visitors.identify(visitor, lead.leadId());
        }
        jdbc.sql("update lead_form set submissions = submissions + 1 where id = ?").param(form.id()).update();
        return new Accepted(lead.leadId(), lead.created());
    }

    /**
     * Progressive profiling: the fields a progressive form leaves out for this visitor because the person they
     * were identified as has given them already. The email address is always asked: it says who is submitting.
     */
    @Transactional(readOnly = true)
    public Set<String> hiddenFields(LeadForm form, UUID visitor) {
        if (!form.progressive() || visitor == null) {
            return Set.of();
        }
        Optional<Long> known = visitors.leadOf(visitor);
        if (known.isEmpty()) {
            return Set.of();
        }
        Set<String> hidden = new HashSet<>();
        jdbc.sql("""
                select p.full_name, p.kana, p.phone, p.department, p.job_title, c.name, c.prefecture, c.industry,
                       l.planned_adoption_date, l.expected_users, l.budget_yen, l.authority, l.need, l.timeframe,
                       coalesce(l.custom, '{}'::jsonb)::text,
                       array(select jsonb_object_keys(coalesce(l.custom, '{}'::jsonb)))
                from lead v join person p on p.id = v.person_id
                left join company c on c.id = p.company_id
                left join lead l on l.person_id = p.id and l.product_id = ?
                where v.id = ?""")
                .params(form.productId(), known.get())
                .query(rs -> {
                    String[] keys = {"full_name", "kana", "phone", "department", "job_title", "company", "prefecture",
                        "industry", "planned_adoption_date", "expected_users", "budget_yen", "authority", "need",
                        "timeframe"};
                    for (int i = 0; i < keys.length; i++) {
                        if (rs.getObject(i + 1) != null && !String.valueOf(rs.getObject(i + 1)).isBlank()) {
                            hidden.add(keys[i]);
                        }
                    }
                    for (String custom : (String[]) rs.getArray(16).getArray()) {
                        hidden.add("custom:" + custom);
                    }
                });
        return hidden;
    }

    private static String check(FieldSpec spec, String value) {
        if (value.length() > spec.maxLength()) {
            return "forms.error.tooLong";
        }
        return switch (spec.input()) {
            case EMAIL -> {
                String email = JapaneseText.email(value);
                yield email != null && EMAIL.matcher(email).matches() ? null : "forms.error.email";
            }
            case TEL -> {
                String phone = JapaneseText.phone(value);
                yield phone != null && PHONE.matcher(phone).matches() ? null : "forms.error.phone";
            }
            case DATE -> {
                try {
                    LocalDate.parse(JapaneseText.normalizeWidth(value));
                    yield null;
                } catch (DateTimeParseException e) {
                    yield "forms.error.date";
                }
            }
            case NUMBER -> {
                BigDecimal n = number(value);
                yield n != null && n.signum() >= 0 && n.stripTrailingZeros().scale() <= 0
                        && n.compareTo(BigDecimal.valueOf(spec.key().equals("budget_yen") ? 1_000_000_000_000L
                                : 10_000_000)) < 0 ? null : "forms.error.number";
            }
            case SELECT -> spec.options().contains(value) ? null : "forms.error.choice";
            case TEXT, TEXTAREA -> null;
        };
    }

    private static BigDecimal number(String value) {
        try {
            return new BigDecimal(JapaneseText.normalizeWidth(value).replace(",", "").strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void fillBant(long leadId, Map<StandardField, Object> bant) {
        // Fill-empty, like the rest of the capture: what inside sales learnt on the phone is not replaced.
        jdbc.sql("""
                update lead set budget_yen = coalesce(budget_yen, ?::bigint), authority = coalesce(authority, ?::text),
                       need = coalesce(need, ?::text), timeframe = coalesce(timeframe, ?::text),
                       updated_at = now(), version = version + 1
                where id = ? and (budget_yen is null and ?::bigint is not null or authority is null and ?::text is not null
                                  or need is null and ?::text is not null or timeframe is null and ?::text is not null)""")
                .params(bant.get(StandardField.BUDGET_YEN), bant.get(StandardField.AUTHORITY),
                        bant.get(StandardField.NEED), bant.get(StandardField.TIMEFRAME), leadId,
                        bant.get(StandardField.BUDGET_YEN), bant.get(StandardField.AUTHORITY),
                        bant.get(StandardField.NEED), bant.get(StandardField.TIMEFRAME))
                .update();
    }
}
