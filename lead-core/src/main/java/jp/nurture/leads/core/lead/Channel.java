package jp.nurture.leads.core.lead;

/** The channel through which a lead reached the company (the "which form did it pass" of capture). */
public enum Channel {
    WEB_FORM, INQUIRY, DOCUMENT_DOWNLOAD, WHITE_PAPER, SEMINAR, WEBINAR, EXHIBITION, AD, SNS, OWNED_MEDIA,
    EMAIL, DIRECT_MAIL, TELE_APPOINTMENT, REFERRAL, IMPORT, API, OTHER
}
