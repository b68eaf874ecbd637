package jp.nurture.leads.core.campaign;

/** Checks for what marketers type. */
final class Texts {

    private Texts() {
    }

    static String required(String text, int max, String key) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty() || value.length() > max) {
            throw new InvalidCampaignInput(key, max);
        }
        return value;
    }

    static String optional(String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        return value.length() > max ? value.substring(0, max) : value;
    }

    /** A header value must stay one line: CR or LF would let a value add headers of its own. */
    static String oneLine(String text, int max, String key) {
        if (text != null && (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0)) {
            throw new InvalidCampaignInput("template.invalid.newline");
        }
        return required(text, max, key);
    }
}
