package jp.nurture.leads.core.tracking;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tracking settings ({@code leads.tracking.*}).
 *
 * @param linkSigningKey the HMAC key for tracked links; blank means the key generated once in the database
 * @param bufferCapacity page views held in memory before the hit endpoint answers 429
 * @param batchSize most page views written in one statement batch
 * @param flushInterval the longest a page view waits in memory before it is written
 * @param anonymousRetentionDays days an anonymous page view is kept while nobody identifies its visitor
 * @param linkValidDays days a tracked link keeps working after it was signed (an e-mail's links are signed when it
 *        is sent); a click after that lands on the "link expired" page instead of identifying anybody
 */
@ConfigurationProperties("leads.tracking")
public record TrackingProperties(String linkSigningKey, Integer bufferCapacity, Integer batchSize,
        Duration flushInterval, Integer anonymousRetentionDays, Integer linkValidDays) {

    public TrackingProperties {
        bufferCapacity = bufferCapacity == null ? 50_000 : bufferCapacity;
        batchSize = batchSize == null ? 2_000 : batchSize;
        flushInterval = flushInterval == null ? Duration.ofMillis(200) : flushInterval;
        anonymousRetentionDays = anonymousRetentionDays == null ? 90 : anonymousRetentionDays;
        linkValidDays = linkValidDays == null ? 400 : linkValidDays;
    }
}
