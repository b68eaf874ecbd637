package jp.nurture.leads.core.segment;

/** The comparisons a field condition may use; which ones a field allows depends on its {@link SegmentField.Kind}. */
public enum SegmentOperator {
    EQUALS, NOT_EQUALS, CONTAINS, STARTS_WITH, AT_LEAST, AT_MOST, IS_SET, IS_EMPTY, IS_TRUE, IS_FALSE,
    MORE_THAN_DAYS_AGO, WITHIN_DAYS;

    /** Whether the operator needs a value typed by the marketer. */
    public boolean needsValue() {
        return switch (this) {
            case IS_SET, IS_EMPTY, IS_TRUE, IS_FALSE -> false;
            default -> true;
        };
    }
}
