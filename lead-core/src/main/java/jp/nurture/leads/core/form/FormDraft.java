package jp.nurture.leads.core.form;

import java.util.List;
import jp.nurture.leads.core.lead.Channel;

/** What the builder sends when a form is saved; checked as a whole by {@link Forms#update}. */
public record FormDraft(String name, String language, Channel channel, String sourceDetail, List<FormField> fields,
        List<Long> consentTypes, boolean progressive, String thankYouJa, String thankYouEn, String redirectUrl,
        long version) {
}
