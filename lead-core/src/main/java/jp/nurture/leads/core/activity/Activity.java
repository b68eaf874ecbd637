package jp.nurture.leads.core.activity;

import java.time.Instant;
import java.util.Map;

/** One entry of a lead's timeline, as read back; {@code actorName} is null for system activities. */
public record Activity(long id, long leadId, long productId, ActivityType type, Instant occurredAt, Long actorId,
        String actorName, Map<String, Object> detail) {
}
