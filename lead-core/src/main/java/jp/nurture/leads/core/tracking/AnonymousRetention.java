package jp.nurture.leads.core.tracking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes anonymous page views older than {@code leads.tracking.anonymous-retention-days}, so tracking tables do
 * not grow without bound. Deletes in slices to keep each transaction short; two app instances running it at once
 * only share the work (a row is deleted once).
 */
@Component
public class AnonymousRetention {

    private static final Logger log = LoggerFactory.getLogger(AnonymousRetention.class);
    private static final int SLICE = 10_000;

    private final JdbcClient jdbc;
    private final TrackingProperties properties;
    private final Clock clock;

    AnonymousRetention(JdbcClient jdbc, TrackingProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
    void scheduled() {
        purge();
    }

    /** Deletes the expired anonymous views (and visitors left with nothing); returns how many views. */
    public int purge() {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(Duration.ofDays(properties.anonymousRetentionDays())));
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql("""
                    delete from anonymous_page_view where id in (
                        select id from anonymous_page_view where occurred_at < ? limit ? for update skip locked)""")
                    .params(cutoff, SLICE).update();
            total += deleted;
        } while (deleted == SLICE);
        jdbc.sql("""
                delete from visitor v where v.lead_id is null and v.first_seen_at < ?
                and not exists (select 1 from anonymous_page_view a where a.visitor_id = v.id)""")
                .param(cutoff).update();
        if (total > 0) {
            log.info("Deleted {} anonymous page views older than {} days", total, properties.anonymousRetentionDays());
        }
        return total;
    }
}
