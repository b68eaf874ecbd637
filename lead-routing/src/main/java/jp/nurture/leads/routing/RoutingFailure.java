package jp.nurture.leads.routing;

import java.time.Instant;

/** A routing that could not complete and is being retried; shown to admins until it succeeds. */
public record RoutingFailure(long id, long leadId, String personName, long productId, String trigger, String problem,
        int attempts, Instant firstFailedAt, Instant nextAttemptAt) {
}
