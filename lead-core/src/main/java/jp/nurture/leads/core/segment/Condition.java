package jp.nurture.leads.core.segment;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.LocalDate;
import java.util.List;
import jp.nurture.leads.core.activity.ActivityType;

/** One node of a segment's condition tree. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Condition.Group.class, name = "group"),
    @JsonSubTypes.Type(value = Condition.FieldIs.class, name = "field"),
    @JsonSubTypes.Type(value = Condition.HasActivity.class, name = "activity"),
    @JsonSubTypes.Type(value = Condition.Inactive.class, name = "inactive"),
    @JsonSubTypes.Type(value = Condition.CustomFieldIs.class, name = "custom"),
    @JsonSubTypes.Type(value = Condition.Consent.class, name = "consent")
})
public sealed interface Condition {

    /** How a group combines its children: all of them (AND), any of them (OR), none of them (NOT). */
    enum Junction { ALL, ANY, NONE }

    /** A nested group of conditions. */
    record Group(Junction junction, List<Condition> children) implements Condition {
        public Group {
            junction = junction == null ? Junction.ALL : junction;
            children = children == null ? List.of() : List.copyOf(children);
        }
    }

    /** A condition on a field of the person, company or lead, e.g. "industry is MANUFACTURING". */
    record FieldIs(SegmentField field, SegmentOperator operator, String value) implements Condition {
    }

    /**
     * "Has activity T [matching the filters] at least N times [in the window]", e.g. "viewed 5 or more pages about
     * topic X in the last 90 days". Blank filters do not narrow.
     */
    record HasActivity(ActivityType type, String url, String topic, String form, String campaign, String emailType,
            int atLeast, Window window) implements Condition {
        public HasActivity {
            atLeast = Math.max(1, atLeast);
            window = window == null ? Window.anyTime() : window;
        }
    }

    /** "No activity at all for the last N days". */
    record Inactive(int days) implements Condition {
    }

    /**
     * A condition on a custom field of the lead's product, e.g. "planned units at least 50" or "trial start on or
     * after 2026-12-01". Ordering operators compare numbers when the value is a number and ISO dates when it is a
     * date; a lead whose value is not of that kind does not match.
     */
    record CustomFieldIs(String key, SegmentOperator operator, String value) implements Condition {
    }

    /**
     * "May receive email type X of the lead's product now" — a granted consent for that type and no global
     * opt-out — or, with {@code receivable} false, the opposite.
     */
    record Consent(String emailType, boolean receivable) implements Condition {
    }

    /** When the activities must have happened. */
    record Window(WindowKind kind, Integer days, LocalDate from, LocalDate to) {
        public static Window anyTime() {
            return new Window(WindowKind.ANY_TIME, null, null, null);
        }

        public static Window lastDays(int days) {
            return new Window(WindowKind.LAST_DAYS, days, null, null);
        }

        public static Window lastCalendarYear() {
            return new Window(WindowKind.LAST_CALENDAR_YEAR, null, null, null);
        }

        public static Window between(LocalDate from, LocalDate to) {
            return new Window(WindowKind.BETWEEN, null, from, to);
        }
    }

    /** The kinds of time window of an activity condition. */
    enum WindowKind { ANY_TIME, LAST_DAYS, BETWEEN, LAST_CALENDAR_YEAR }
}
