package jp.nurture.leads.core.consent;

import java.util.Locale;

/** One kind of email of a product (newsletter, seminar invitation, …): the unit a person opts into or out of. */
public record EmailType(long id, long productId, String code, String nameJa, String nameEn) {

    /** The name in the reader's language: Japanese unless English is asked for. */
    public String name(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameJa;
    }
}
