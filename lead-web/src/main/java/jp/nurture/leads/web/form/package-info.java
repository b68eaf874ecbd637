/**
 * Capture forms: the marketer's builder (/forms) and the public hosted and embeddable pages visitors submit
 * (/f/{key}, /f/{key}/embed).
 */
package jp.nurture.leads.web.form;
