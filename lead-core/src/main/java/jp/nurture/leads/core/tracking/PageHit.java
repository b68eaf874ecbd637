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
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max);
    }
}
