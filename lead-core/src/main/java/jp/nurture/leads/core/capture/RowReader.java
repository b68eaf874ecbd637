package jp.nurture.leads.core.capture;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.party.JapaneseText;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.core.party.TitleLevel;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one CSV record into one line of the staging table's COPY input, normalised the way people and
 * companies are stored (width, spaces, company suffixes, prefectures), or rejects it with a reason.
 */
final class RowReader {

    /** Staging columns, in the order {@link #read} writes them. */
    static final String COLUMNS = "record_no, line_no, email, external_id, full_name, kana, company_name, company_key,"
            + " phone, department, job_title, title_level, prefecture, industry, channel, source_detail, occurred_at,"
            + " planned_adoption_date, expected_users, custom";

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{6,20}(?:[#*x][0-9]+)?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final int columnCount;
    private final Map<ImportField, Integer> columns = new HashMap<>();
    private final List<Map.Entry<CustomField, Integer>> customColumns = new ArrayList<>();
    private final Channel defaultChannel;
    private final String defaultSourceDetail;
    private final LocalDateTime defaultOccurredAt;
    private final JsonMapper json;

    RowReader(List<String> header, Map<String, String> mapping, List<CustomField> customFields,
            Channel defaultChannel, String defaultSourceDetail, LocalDateTime defaultOccurredAt, JsonMapper json) {
        this.columnCount = header.size();
        this.defaultChannel = defaultChannel;
        this.defaultSourceDetail = defaultSourceDetail;
        this.defaultOccurredAt = defaultOccurredAt;
        this.json = json;
        Map<String, CustomField> custom = new HashMap<>();
        customFields.forEach(f -> custom.put(f.mappingKey(), f));
        for (int i = 0; i < header.size(); i++) {
            String key = mapping.get(header.get(i));
            if (key == null || key.isBlank()) {
                continue;
            }
            int index = i;
            Optional<ImportField> field = ImportField.ofKey(key);
            if (field.isPresent()) {
                columns.putIfAbsent(field.get(), index);
            } else if (custom.containsKey(key)) {
                customColumns.add(Map.entry(custom.get(key), index));
            }
        }
    }

    /** Whether the mapping can identify a person at all (email, external id or name). */
    boolean identifiesPeople() {
        return columns.containsKey(ImportField.EMAIL) || columns.containsKey(ImportField.EXTERNAL_ID)
                || columns.containsKey(ImportField.FULL_NAME) || columns.containsKey(ImportField.LAST_NAME);
    }

    /**
     * A record the import keeps out, with the message code of the reason, its argument and the mapping key of the
     * field at fault (null when no single field is), so an API caller can be told which field to fix.
     */
    static final class Rejected extends Exception {
        final String reason;
        final String detail;
        final String field;

        Rejected(String reason, String detail) {
            this(reason, detail, null);
        }

        Rejected(String reason, String detail, String field) {
            super(reason, null, false, false);
            this.reason = reason;
            this.detail = detail;
            this.field = field;
        }
    }

    /** Appends the record as one COPY text line to {@code out}, or throws {@link Rejected} leaving it as it was. */
    void read(List<String> fields, long recordNo, long lineNo, StringBuilder out) throws Rejected {
        if (fields.size() != columnCount) {
            throw new Rejected("columns", columnCount + "/" + fields.size());
        }
        String rawEmail = value(fields, ImportField.EMAIL);
        String email = JapaneseText.email(rawEmail);
        if (email != null && (!EMAIL.matcher(email).matches() || email.length() > 254)) {
            throw new Rejected("email", rawEmail, ImportField.EMAIL.key());
        }
        String externalId = limit(JapaneseText.clean(JapaneseText.normalizeWidth(value(fields, ImportField.EXTERNAL_ID))),
                120, "external_id");
        String fullName = JapaneseText.clean(value(fields, ImportField.FULL_NAME));
        if (fullName == null) {
            String last = JapaneseText.clean(value(fields, ImportField.LAST_NAME));
            String first = JapaneseText.clean(value(fields, ImportField.FIRST_NAME));
            fullName = last == null ? first : first == null ? last : last + " " + first;
        }
        if (email == null && externalId == null && fullName == null) {
            throw new Rejected("identity", null);
        }
        String companyName = limit(JapaneseText.clean(value(fields, ImportField.COMPANY)), 200, "company");
        if (fullName == null) {
            // A person needs a name to be shown; files keyed only by an id or an address have none.
            fullName = email != null ? email : externalId;
        }
        fullName = limit(fullName, 120, "full_name");
        String kana = limit(JapaneseText.clean(JapaneseText.normalizeWidth(value(fields, ImportField.KANA))), 120, "kana");
        String rawPhone = value(fields, ImportField.PHONE);
        String phone = JapaneseText.phone(rawPhone);
        if (phone != null && (phone.length() > 40 || !PHONE.matcher(phone).matches())) {
            throw new Rejected("phone", rawPhone, ImportField.PHONE.key());
        }
        String department = limit(JapaneseText.clean(value(fields, ImportField.DEPARTMENT)), 120, "department");
        String jobTitle = limit(JapaneseText.clean(value(fields, ImportField.JOB_TITLE)), 120, "job_title");
        TitleLevel level = Vocabulary.titleLevel(jobTitle);
        Prefecture prefecture = Prefecture.parse(value(fields, ImportField.PREFECTURE)).orElse(null);
        var industry = Vocabulary.industry(value(fields, ImportField.INDUSTRY));
        String rawChannel = value(fields, ImportField.CHANNEL);
        Channel channel = Vocabulary.channel(rawChannel, defaultChannel);
        // The words of the file ("Paid Search") stay as the detail when no column names the source itself.
        String sourceDetail = JapaneseText.clean(value(fields, ImportField.SOURCE_DETAIL));
        if (sourceDetail == null) {
            sourceDetail = JapaneseText.clean(rawChannel) != null ? JapaneseText.clean(rawChannel) : defaultSourceDetail;
        }
        sourceDetail = sourceDetail == null || sourceDetail.length() <= 200 ? sourceDetail : sourceDetail.substring(0, 200);
        String rawDate = value(fields, ImportField.OCCURRED_AT);
        LocalDateTime occurredAt = defaultOccurredAt;
        if (JapaneseText.clean(rawDate) != null) {
            occurredAt = Vocabulary.dateTime(rawDate)
                    .orElseThrow(() -> new Rejected("date", rawDate, ImportField.OCCURRED_AT.key()));
        }
        String rawAdoption = value(fields, ImportField.PLANNED_ADOPTION_DATE);
        LocalDate adoption = null;
        if (JapaneseText.clean(rawAdoption) != null) {
            adoption = Vocabulary.dateTime(rawAdoption)
                    .orElseThrow(() -> new Rejected("date", rawAdoption, ImportField.PLANNED_ADOPTION_DATE.key()))
                    .toLocalDate();
        }
        String rawUsers = value(fields, ImportField.EXPECTED_USERS);
        Integer users = null;
        if (JapaneseText.clean(rawUsers) != null) {
            users = number(rawUsers).filter(n -> n.scale() <= 0 || n.stripTrailingZeros().scale() <= 0)
                    .filter(n -> n.signum() >= 0 && n.compareTo(BigDecimal.valueOf(10_000_000)) < 0)
                    .map(BigDecimal::intValue)
                    .orElseThrow(() -> new Rejected("number", rawUsers, ImportField.EXPECTED_USERS.key()));
        }
        String custom = custom(fields);

        out.append(recordNo).append('\t').append(lineNo);
        field(out, email);
        field(out, externalId);
        field(out, fullName);
        field(out, kana);
        field(out, companyName);
        field(out, companyKey(companyName));
        field(out, phone);
        field(out, department);
        field(out, jobTitle);
        field(out, level == null ? null : level.name());
        field(out, prefecture == null ? null : prefecture.name());
        field(out, industry == null ? null : industry.name());
        field(out, channel.name());
        field(out, sourceDetail);
        field(out, occurredAt.atZone(JAPAN).toOffsetDateTime().toString());
        field(out, adoption == null ? null : adoption.toString());
        field(out, users == null ? null : users.toString());
        field(out, custom);
        out.append('\n');
    }

    /** A name that is only a legal form ("株式会社") still names one company. */
    private static String companyKey(String companyName) {
        String key = JapaneseText.companyKey(companyName);
        return key == null || !key.isEmpty() ? key : companyName.toLowerCase(java.util.Locale.ROOT);
    }

    private String custom(List<String> fields) throws Rejected {
        if (customColumns.isEmpty()) {
            return "{}";
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<CustomField, Integer> column : customColumns) {
            CustomField field = column.getKey();
            String raw = fields.get(column.getValue());
            String text = JapaneseText.clean(raw);
            if (text == null) {
                continue;
            }
            switch (field.type()) {
                case TEXT -> {
                    // Notes keep their line breaks; only other fields collapse whitespace.
                    String note = raw.strip().replace("\r\n", "\n");
                    values.put(field.key(), note.length() <= 1000 ? note : note.substring(0, 1000));
                }
                case NUMBER -> values.put(field.key(),
                        number(raw).orElseThrow(() -> new Rejected("number", raw, field.mappingKey())));
                case DATE -> values.put(field.key(), Vocabulary.dateTime(raw)
                        .orElseThrow(() -> new Rejected("date", raw, field.mappingKey())).toLocalDate().toString());
                case CHOICE -> {
                    String normal = JapaneseText.normalizeWidth(text);
                    String choice = field.choices().stream()
                            .filter(c -> c.equals(text) || JapaneseText.normalizeWidth(c).equalsIgnoreCase(normal))
                            .findFirst().orElseThrow(() -> new Rejected("choice", raw, field.mappingKey()));
                    values.put(field.key(), choice);
                }
            }
        }
        return json.writeValueAsString(values);
    }

    private static Optional<BigDecimal> number(String raw) {
        String value = JapaneseText.clean(JapaneseText.normalizeWidth(raw));
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(value.replace(",", "").replace("円", "").replace("人", "").strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String value(List<String> fields, ImportField field) {
        Integer index = columns.get(field);
        return index == null ? null : fields.get(index);
    }

    private static String limit(String value, int max, String field) throws Rejected {
        if (value != null && value.length() > max) {
            throw new Rejected("too_long", field, field);
        }
        return value;
    }

    /** Appends a tab and the value in COPY text format: \N for null, backslash escapes for the rest. */
    private static void field(StringBuilder out, String value) {
        out.append('\t');
        if (value == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> {
                    // PostgreSQL text cannot hold NUL; damaged exports sometimes do.
                }
                default -> out.append(c);
            }
        }
    }
}
