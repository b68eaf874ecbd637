package jp.nurture.leads.core.form;

import java.util.Locale;

/**
 * One field a form asks: a {@link StandardField} key or {@code custom:<key>}, whether it must be filled, and the
 * label shown in each language (blank means the field's default label).
 */
public record FormField(String key, boolean required, String labelJa, String labelEn) {

    public String label(Locale locale) {
        return "en".equals(locale.getLanguage()) ? labelEn : labelJa;
    }
}
