package jp.nurture.leads.core.party;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalisation that lets the same company, address or number typed by different people compare equal:
 * full-width ASCII to half-width, half-width katakana to full-width (NFKC does both), ideographic spaces
 * collapsed, and the many spellings of 株式会社 and friends reduced to one.
 */
public final class JapaneseText {

    private static final Pattern SPACES = Pattern.compile("[\\s\\u3000]+");
    // Control characters other than white space (BEL, ESC, NUL…) are damage from exports, never content.
    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cc}&&[^\\s]]+");

    // After NFKC, ㈱ has become (株). Both orders of the legal form and the bracketed short forms are dropped,
    // because "株式会社サンプル", "サンプル株式会社", "(株)サンプル" and "サンプル(株)" are one company.
    private static final Pattern LEGAL_FORMS = Pattern.compile(
            "株式会社|有限会社|合同会社|合名会社|合資会社|一般社団法人|一般財団法人|公益社団法人|公益財団法人"
                    + "|\\((?:株|有|同|名|資|社|財)\\)"
                    + "|\\b(?:co\\.?,?\\s*ltd\\.?|inc\\.?|corp\\.?|corporation|k\\.?k\\.?|ltd\\.?|llc)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern COMPANY_PUNCTUATION = Pattern.compile("[・,.、。]");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s()\\-‐‑‒–—―−ー]");

    private JapaneseText() {
    }

    /** Full-width letters, digits and symbols to half-width; half-width kana to full-width. */
    public static String normalizeWidth(String text) {
        return text == null ? null : Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    /**
     * Trims and collapses runs of spaces (including U+3000) into one and drops control characters; null or blank
     * gives null.
     */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        if (isClean(text)) {
            // Most values of a file are already clean; the regular expressions below would copy them twice.
            return text;
        }
        String value = SPACES.matcher(CONTROLS.matcher(text).replaceAll("")).replaceAll(" ").strip();
        return value.isEmpty() ? null : value;
    }

    /** Whether {@link #clean} would return the text unchanged: not blank, nothing to drop, trim or collapse. */
    private static boolean isClean(String text) {
        int length = text.length();
        if (length == 0 || Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(length - 1))) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7F && c <= 0x9F || c == '\u3000' || c == ' ' && text.charAt(i - 1) == ' ') {
                return false;
            }
        }
        return true;
    }

    /** The key two spellings of one company share, e.g. "㈱ サンプル　商事" and "サンプル商事株式会社". */
    public static String companyKey(String companyName) {
        String value = normalizeWidth(companyName);
        if (value == null) {
            return null;
        }
        value = LEGAL_FORMS.matcher(value).replaceAll("");
        value = SPACES.matcher(value).replaceAll("");
        value = COMPANY_PUNCTUATION.matcher(value).replaceAll("");
        return value.toLowerCase(Locale.ROOT);
    }

    /** Lower-case, half-width, trimmed e-mail address; null when blank. */
    public static String email(String email) {
        String value = clean(normalizeWidth(email));
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    /** Half-width digits with the separators people use (hyphen variants, spaces, brackets) removed. */
    public static String phone(String phone) {
        String value = clean(normalizeWidth(phone));
        if (value == null) {
            return null;
        }
        value = PHONE_SEPARATORS.matcher(value).replaceAll("");
        return value.isEmpty() ? null : value;
    }

    /** The key two spellings of one person's name share: width-normalised, without spaces. */
    public static String personKey(String name) {
        String value = normalizeWidth(name);
        return value == null ? null : SPACES.matcher(value).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
