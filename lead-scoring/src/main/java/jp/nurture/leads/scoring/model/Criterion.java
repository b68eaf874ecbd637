package jp.nurture.leads.scoring.model;

import java.util.Arrays;
import java.util.List;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.lead.Authority;
import jp.nurture.leads.core.lead.Timeframe;
import jp.nurture.leads.core.party.Area;
import jp.nurture.leads.core.party.EmployeeBand;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.core.party.RevenueBand;
import jp.nurture.leads.core.party.TitleLevel;

/**
 * What a rule looks at. Fit criteria name a lead, person or company attribute (most with a closed list of values);
 * engagement criteria name the activity type they count.
 */
public enum Criterion {
    INDUSTRY(RuleKind.FIT, Industry.class),
    REVENUE_BAND(RuleKind.FIT, RevenueBand.class),
    EMPLOYEE_BAND(RuleKind.FIT, EmployeeBand.class),
    AREA(RuleKind.FIT, Area.class),
    PREFECTURE(RuleKind.FIT, Prefecture.class),
    TITLE_LEVEL(RuleKind.FIT, TitleLevel.class),
    /** Free text the department must contain, e.g. 経理. */
    DEPARTMENT(RuleKind.FIT, null),
    AUTHORITY(RuleKind.FIT, Authority.class),
    TIMEFRAME(RuleKind.FIT, Timeframe.class),
    /** The company already buys from us; takes no value. */
    EXISTING_CUSTOMER(RuleKind.FIT, null),
    /** BANT budget answered; takes no value. */
    BUDGET_KNOWN(RuleKind.FIT, null),
    DOCUMENT_DOWNLOADED(RuleKind.ENGAGEMENT, null),
    FORM_SUBMITTED(RuleKind.ENGAGEMENT, null),
    PAGE_VIEWED(RuleKind.ENGAGEMENT, null),
    EMAIL_OPENED(RuleKind.ENGAGEMENT, null),
    EMAIL_CLICKED(RuleKind.ENGAGEMENT, null),
    SEMINAR_ATTENDED(RuleKind.ENGAGEMENT, null),
    EXHIBITION_ATTENDED(RuleKind.ENGAGEMENT, null),
    CALL(RuleKind.ENGAGEMENT, null);

    private final RuleKind kind;
    private final Class<? extends Enum<?>> values;

    Criterion(RuleKind kind, Class<? extends Enum<?>> values) {
        this.kind = kind;
        this.values = values;
    }

    public RuleKind kind() {
        return kind;
    }

    /** The values a rule on this criterion may name; empty for free text or no value. */
    public List<String> allowedValues() {
        return values == null ? List.of() : Arrays.stream(values.getEnumConstants()).map(Enum::name).toList();
    }

    /** Whether the rule needs a value chosen from {@link #allowedValues()}. */
    public boolean hasClosedValues() {
        return values != null;
    }

    /** Whether the rule must name a value (closed list or free text). */
    public boolean needsValue() {
        return values != null || this == DEPARTMENT;
    }

    /** Whether this criterion takes no value at all. */
    public boolean takesNoValue() {
        return this == EXISTING_CUSTOMER || this == BUDGET_KNOWN;
    }

    /** The activity type an engagement criterion counts. */
    public ActivityType activityType() {
        return kind == RuleKind.ENGAGEMENT ? ActivityType.valueOf(name()) : null;
    }

    /** The stored values a rule with {@code value} matches: every prefecture of an area, else the value itself. */
    public List<String> matchValues(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        if (this == AREA) {
            Area area = Area.valueOf(value);
            return Arrays.stream(Prefecture.values()).filter(p -> p.area() == area).map(Enum::name).toList();
        }
        return List.of(value);
    }

    public static List<Criterion> of(RuleKind kind) {
        return Arrays.stream(values()).filter(c -> c.kind == kind).toList();
    }
}
