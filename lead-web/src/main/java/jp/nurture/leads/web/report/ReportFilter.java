package jp.nurture.leads.web.report;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import jp.nurture.leads.core.report.Period;
import jp.nurture.leads.web.system.Formats;

/**
 * The dashboard filters as they appear in the URL ({@code period=week|month}, {@code on=yyyy-mm-dd}, any day in
 * the period), so a view can be shared. A value that cannot be read falls back to this month and says so.
 */
public record ReportFilter(String period, String on, Period resolved, boolean invalid) {

    static ReportFilter of(String period, String on, LocalDate today) {
        boolean invalid = false;
        Period.Kind kind = Period.Kind.MONTH;
        if (period != null && !period.isBlank()) {
            switch (period.strip().toLowerCase(Locale.ROOT)) {
                case "week" -> kind = Period.Kind.WEEK;
                case "month" -> kind = Period.Kind.MONTH;
                default -> invalid = true;
            }
        }
        LocalDate day = today;
        if (on != null && !on.isBlank()) {
            try {
                day = LocalDate.parse(Normalizer.normalize(on.strip(), Normalizer.Form.NFKC));
                if (day.getYear() < 2000 || day.getYear() > 2100) {
                    invalid = true;
                    day = today;
                }
            } catch (DateTimeParseException e) {
                invalid = true;
            }
        }
        Period resolved = Period.containing(kind, day);
        return new ReportFilter(kind.name().toLowerCase(Locale.ROOT), day.toString(), resolved, invalid);
    }

    static LocalDate today() {
        return LocalDate.now(Formats.JAPAN);
    }

    /** The same view one period earlier or later, for the arrows. */
    public String shifted(int periods) {
        Period p = periods < 0 ? resolved.minus(-periods) : new Period(resolved.kind(),
                resolved.kind() == Period.Kind.WEEK ? resolved.start().plusWeeks(periods)
                        : resolved.start().plusMonths(periods));
        return p.start().toString();
    }
}
