package jp.nurture.leads.core.consent;

/** Why we may send marketing email to a person (Act on Specified Electronic Mail, article 3). */
public enum ConsentBasis {
    /** The person ticked a box: a form, the preference page, or an API caller that collected the opt-in. */
    OPT_IN,
    /**
     * The person handed the address over in writing, e.g. a business card at an exhibition. Weaker than an
     * opt-in: it never overrides a withdrawal.
     */
    BUSINESS_CARD
}
