package jp.nurture.leads.core.form;

import java.util.List;
import java.util.Locale;

/**
 * A field ready to show or check: its input type, limits and options, and its labels with the defaults filled
 * in. {@code options} are the values a select accepts (enum names, or a custom field's choices).
 */
public record FieldSpec(String key, StandardField.Group group, InputType input, int maxLength, List<String> options,
        boolean required, String labelJa, String labelEn) {

    public String label(Locale locale) {
        return "en".equals(locale.getLanguage()) ? labelEn : labelJa;
    }

    /** Whether the options are enum names the page translates (else they are shown as written). */
    public boolean translatedOptions() {
        return group != StandardField.Group.CUSTOM;
    }

    public boolean custom() {
        return group == StandardField.Group.CUSTOM;
    }
}
