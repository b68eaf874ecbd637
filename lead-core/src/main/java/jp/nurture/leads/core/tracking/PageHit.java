package jp.nurture.leads.core.tracking;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One page view as the tag reported it, accepted but not yet written. */
public record PageHit(UUID visitorId, long productId, String url, String title, String referrer,
        Instant occurredAt) {

    static final int MAX_URL = 2000;
    static final int MAX_TITLE = 300;

    public PageHit {
        Objects.requireNonNull(visitorId, "visitorId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(occurredAt, "occurredAt");
        url = cut(url, MAX_URL);
        title = cut(title, MAX_TITLE);
        referrer = cut(referrer, MAX_URL);
    }

    private static String cut(String text, int max) {
        String storable = text == null ? null : storable(text);
        if (storable == null || storable.isBlank()) {
            return null;
        }
        if (storable.length() <= max) {
            return storable;
        }
        // Never cut between the two halves of a character outside the BMP (an emoji in a title).
        int end = Character.isHighSurrogate(storable.charAt(max - 1)) ? max - 1 : max;
        return storable.substring(0, end);
    }

    /**
     * PostgreSQL text and jsonb cannot hold U+0000 nor half of a surrogate pair, and a batch holding one would be
     * refused whole: a tag (or anyone posting to it) sending {@code %00} or a broken emoji must not cost the page
     * view. NUL is dropped, a lone surrogate becomes U+FFFD; everything else is kept as sent.
     */
    static String storable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            boolean bad = c == '\0' || Character.isSurrogate(c) && !pair;
            if (bad && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                if (c != '\0') {
                    out.append(bad ? '\uFFFD' : c);
                }
                if (pair) {
                    out.append(text.charAt(i + 1));
                }
            }
            if (pair) {
                i++;
            }
        }
        return out == null ? text : out.toString();
    }
}
