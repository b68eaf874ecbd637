package jp.nurture.leads.core.capture;

/** The kinds of value a product's custom field holds. */
public enum CustomFieldType {
    TEXT, NUMBER, DATE, CHOICE
}
