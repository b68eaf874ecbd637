package jp.nurture.leads.web.form;

import java.util.List;

/** One field as the public page shows it: label and options in the page's language, what was typed, its error. */
record FieldView(String key, String label, String input, boolean required, int maxLength, List<Option> options,
        String value, String error) {

    /** A select option: the value sent and the text shown. */
    record Option(String value, String label) {
    }
}
