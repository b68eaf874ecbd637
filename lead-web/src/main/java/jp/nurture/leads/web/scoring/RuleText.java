package jp.nurture.leads.web.scoring;

import java.util.Map;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.scoring.model.Criterion;
import jp.nurture.leads.scoring.model.RuleKind;
import jp.nurture.leads.scoring.model.ScoringRule;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Rules and rule values in the user's language, for the model page, the explanation and the calibration page. */
@Component("ruleText")
public class RuleText {

    /** Where the labels of each closed value list already live in the messages. */
    private static final Map<Criterion, String> VALUE_PREFIX = Map.of(Criterion.INDUSTRY, "industry",
            Criterion.REVENUE_BAND, "revenue", Criterion.EMPLOYEE_BAND, "employees", Criterion.TITLE_LEVEL, "title",
            Criterion.AUTHORITY, "authority", Criterion.TIMEFRAME, "timeframe", Criterion.AREA, "scoring.area");

    private final MessageSource messages;

    RuleText(MessageSource messages) {
        this.messages = messages;
    }

    String msg(String code, Object... args) {
        return messages.getMessage(code, args, code, LocaleContextHolder.getLocale());
    }

    public String criterion(Criterion c) {
        return msg("scoring.criterion." + c.name());
    }

    public String value(Criterion c, String value) {
        if (value == null) {
            return "";
        }
        if (c == Criterion.PREFECTURE) {
            try {
                return Prefecture.valueOf(value).japaneseName();
            } catch (IllegalArgumentException e) {
                return value;
            }
        }
        String prefix = VALUE_PREFIX.get(c);
        return prefix == null ? value : msg(prefix + "." + value);
    }

    /** One rule as a sentence, e.g. "Page viewed: 3 or more within 30 days". */
    public String describe(ScoringRule r) {
        StringBuilder text = new StringBuilder(criterion(r.criterion()));
        if (r.kind() == RuleKind.FIT) {
            if (r.value() != null) {
                text.append(": ").append(value(r.criterion(), r.value()));
            }
            return text.toString();
        }
        if (r.value() != null) {
            text.append(" ").append(msg("scoring.describe.filter", r.value()));
        }
        text.append(": ").append(msg("scoring.describe.count", r.minCount()));
        if (r.windowDays() != null) {
            text.append(" ").append(msg("scoring.describe.window", r.windowDays()));
        }
        if (r.halfLifeDays() != null) {
            text.append(" ").append(msg("scoring.describe.halfLife", r.halfLifeDays()));
        }
        return text.toString();
    }

    /** A calibration feature ("INDUSTRY=FINANCE", "PAGE_VIEWED>=3") in words. */
    public String feature(String feature) {
        if (feature.contains(">=")) {
            String[] parts = feature.split(">=");
            Criterion c = Criterion.valueOf(parts[0]);
            return criterion(c) + ": " + msg("scoring.describe.count", Integer.parseInt(parts[1]));
        }
        String[] parts = feature.split("=");
        Criterion c = Criterion.valueOf(parts[0]);
        return criterion(c) + ": " + value(c, parts[1]);
    }
}
