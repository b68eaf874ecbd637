package jp.nurture.leads.routing;

import java.time.Instant;

/** A notification the mail server kept refusing until the worker gave up. */
public record FailedNotice(long id, String recipient, String subject, int attempts, String lastError,
        Instant failedAt) {
}
