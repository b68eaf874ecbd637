package jp.nurture.leads.core.campaign;

import java.time.Instant;

/**
 * What became of one send (or of every send of one email type): messages waiting, sent, skipped at send time
 * (no consent or suppressed), failed, bounced, and the unique opens, clicks and unsubscribes they brought.
 */
public record SendStats(long sendId, String label, Instant createdAt, long pending, long sent, long skipped,
        long failed, long bounced, long opens, long clicks, long unsubscribes) {
}
