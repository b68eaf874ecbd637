package jp.nurture.leads.core.form;

/** How a form field is typed in: decides the HTML input and the check its value must pass. */
public enum InputType {
    EMAIL, TEXT, TEXTAREA, TEL, DATE, NUMBER, SELECT
}
