package jp.nurture.leads.core.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Takes page views from the tag: checks the site (product) exists and hands the view to the {@link HitBuffer}.
 * No database work per hit — the product ids are kept in memory and re-read at most every few seconds.
 */
@Service
public class PageViews {

    private static final Duration REFRESH = Duration.ofSeconds(10);

    /** What became of a reported page view. */
    public enum Outcome {
        /** Accepted; it will be written. */
        ACCEPTED,
        /** The buffer is full; the tag should try again later (HTTP 429). */
        BUSY,
        /** No product with this id: the tag is misconfigured. */
        UNKNOWN_SITE
    }

    private final HitBuffer buffer;
    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Set<Long> products = Set.of();
    private volatile Instant loadedAt = Instant.MIN;

    PageViews(HitBuffer buffer, JdbcClient jdbc, Clock clock) {
        this.buffer = buffer;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Accepts one page view of the product's site by the visitor. */
    public Outcome record(UUID visitorId, long productId, String url, String title, String referrer) {
        if (!knownProduct(productId)) {
            return Outcome.UNKNOWN_SITE;
        }
        PageHit hit = new PageHit(visitorId, productId, url, title, referrer, clock.instant());
        return buffer.offer(hit) ? Outcome.ACCEPTED : Outcome.BUSY;
    }

    private boolean knownProduct(long productId) {
        Instant now = clock.instant();
        if (products.contains(productId)) {
            return true;
        }
        // A product created a moment ago is found after the next refresh; unknown ids cannot force a re-read
        // more often than that.
        if (loadedAt.plus(REFRESH).isBefore(now)) {
            products = jdbc.sql("select id from product where active").query(Long.class).list().stream()
                    .collect(Collectors.toUnmodifiableSet());
            loadedAt = now;
        }
        return products.contains(productId);
    }
}
