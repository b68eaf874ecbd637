package jp.nurture.leads.web.system;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import jp.nurture.leads.core.lead.LeadQueries;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dates and yen as the reader expects them: "2026/11/23 10:00" and "1,200,000円" in Japanese,
 * "Nov 23, 2026 10:00" and "¥1,200,000" in English. Times are shown in Japan time. Used in templates as {@code @fmt}.
 */
@Component("fmt")
public class Formats {

    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private static final DateTimeFormatter JA_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");
    private static final DateTimeFormatter JA_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);

    private final JsonMapper json;

    Formats(JsonMapper json) {
        this.json = json;
    }

    /** A value as JSON, for data attributes that static scripts read (no inline scripts under the CSP). */
    public String json(Object value) {
        return json.writeValueAsString(value);
    }

    public String at(Instant instant) {
        return instant == null ? "" : (japanese() ? JA_TIME : EN_TIME).format(instant.atZone(JAPAN));
    }

    public String date(LocalDate date) {
        return date == null ? "" : (japanese() ? JA_DATE : EN_DATE).format(date);
    }

    public String yen(Long amount) {
        if (amount == null) {
            return "";
        }
        String digits = NumberFormat.getIntegerInstance(Locale.JAPAN).format(amount);
        return japanese() ? digits + "円" : "¥" + digits;
    }

    /** A lead count as counted by LeadQueries: exact with separators, or "1,000+" once it passed the count cap. */
    public String count(Number count) {
        long value = count == null ? 0 : count.longValue();
        NumberFormat digits = NumberFormat.getIntegerInstance(Locale.JAPAN);
        return value > LeadQueries.COUNT_CAP ? digits.format(LeadQueries.COUNT_CAP) + "+" : digits.format(value);
    }

    private static boolean japanese() {
        return Locale.JAPANESE.getLanguage().equals(LocaleContextHolder.getLocale().getLanguage());
    }
}
