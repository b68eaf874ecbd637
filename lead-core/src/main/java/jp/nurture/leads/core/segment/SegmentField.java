package jp.nurture.leads.core.segment;

import static jp.nurture.leads.core.segment.SegmentOperator.AT_LEAST;
import static jp.nurture.leads.core.segment.SegmentOperator.AT_MOST;
import static jp.nurture.leads.core.segment.SegmentOperator.CONTAINS;
import static jp.nurture.leads.core.segment.SegmentOperator.EQUALS;
import static jp.nurture.leads.core.segment.SegmentOperator.IS_EMPTY;
import static jp.nurture.leads.core.segment.SegmentOperator.IS_FALSE;
import static jp.nurture.leads.core.segment.SegmentOperator.IS_SET;
import static jp.nurture.leads.core.segment.SegmentOperator.IS_TRUE;
import static jp.nurture.leads.core.segment.SegmentOperator.MORE_THAN_DAYS_AGO;
import static jp.nurture.leads.core.segment.SegmentOperator.NOT_EQUALS;
import static jp.nurture.leads.core.segment.SegmentOperator.STARTS_WITH;
import static jp.nurture.leads.core.segment.SegmentOperator.WITHIN_DAYS;

import java.util.Arrays;
import java.util.List;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.party.EmployeeBand;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.core.party.RevenueBand;
import jp.nurture.leads.core.party.TitleLevel;

/**
 * The allow-list of fields a segment may test. Each names its SQL column here, in code — the marketer picks a
 * field by name, never writes SQL — and the kind decides the operators and how the value is checked.
 */
public enum SegmentField {
    PERSON_NAME("p.full_name", Kind.TEXT, null),
    PERSON_EMAIL("p.email", Kind.TEXT, null),
    PERSON_DEPARTMENT("p.department", Kind.TEXT, null),
    PERSON_JOB_TITLE("p.job_title", Kind.TEXT, null),
    PERSON_TITLE_LEVEL("p.title_level", Kind.CHOICE, TitleLevel.class),
    COMPANY_NAME("c.name", Kind.TEXT, null),
    COMPANY_INDUSTRY("c.industry", Kind.CHOICE, Industry.class),
    COMPANY_REVENUE("c.revenue_band", Kind.CHOICE, RevenueBand.class),
    COMPANY_EMPLOYEES("c.employee_band", Kind.CHOICE, EmployeeBand.class),
    COMPANY_PREFECTURE("c.prefecture", Kind.CHOICE, Prefecture.class),
    COMPANY_EXISTING_CUSTOMER("c.existing_customer", Kind.FLAG, null),
    LEAD_PRODUCT("l.product_id", Kind.ID, null),
    LEAD_STAGE("l.stage", Kind.CHOICE, Stage.class),
    LEAD_STAGE_CHANGED("l.stage_changed_at", Kind.TIME, null),
    LEAD_SCORE("l.score", Kind.NUMBER, null),
    LEAD_HOT("l.hot", Kind.FLAG, null),
    LEAD_OWNER("l.owner_id", Kind.ID, null),
    LEAD_SOURCE_CHANNEL("l.source_channel", Kind.CHOICE, Channel.class),
    LEAD_SOURCE_DETAIL("l.source_detail", Kind.TEXT, null),
    LEAD_CREATED("l.created_at", Kind.TIME, null);

    /** What kind of value a field holds, deciding its operators. */
    public enum Kind {
        TEXT(EQUALS, NOT_EQUALS, CONTAINS, STARTS_WITH, IS_SET, IS_EMPTY),
        CHOICE(EQUALS, NOT_EQUALS, IS_SET, IS_EMPTY),
        ID(EQUALS, NOT_EQUALS, IS_SET, IS_EMPTY),
        NUMBER(AT_LEAST, AT_MOST, EQUALS, NOT_EQUALS),
        FLAG(IS_TRUE, IS_FALSE),
        TIME(MORE_THAN_DAYS_AGO, WITHIN_DAYS);

        private final List<SegmentOperator> operators;

        Kind(SegmentOperator... operators) {
            this.operators = List.of(operators);
        }

        public List<SegmentOperator> operators() {
            return operators;
        }
    }

    private final String column;
    private final Kind kind;
    private final Class<? extends Enum<?>> choices;

    SegmentField(String column, Kind kind, Class<? extends Enum<?>> choices) {
        this.column = column;
        this.kind = kind;
        this.choices = choices;
    }

    String column() {
        return column;
    }

    public Kind kind() {
        return kind;
    }

    /** The allowed values of a CHOICE field (enum constant names), empty for other kinds. */
    public List<String> choices() {
        return choices == null ? List.of()
                : Arrays.stream(choices.getEnumConstants()).map(Enum::name).toList();
    }
}
