package jp.nurture.leads.core.form;

import java.util.List;
import java.util.Locale;
import jp.nurture.leads.core.lead.Channel;

/**
 * A product's capture form as the marketer built it. Visitors reach it by {@code publicKey} only, so ids and
 * the number of forms stay private.
 */
public record LeadForm(long id, long productId, String publicKey, String name, String language, Channel channel,
        String sourceDetail, List<FormField> fields, List<Long> consentTypes, boolean progressive,
        String thankYouJa, String thankYouEn, String redirectUrl, long submissions, long version) {

    public Locale locale() {
        return Locale.forLanguageTag(language);
    }

    public String thankYou(Locale locale) {
        return "en".equals(locale.getLanguage()) ? thankYouEn : thankYouJa;
    }

    /** The form's settings as a draft, to edit. */
    public FormDraft draft() {
        return new FormDraft(name, language, channel, sourceDetail, fields, consentTypes, progressive, thankYouJa,
                thankYouEn, redirectUrl, version);
    }
}
