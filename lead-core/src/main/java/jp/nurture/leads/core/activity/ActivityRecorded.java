package jp.nurture.leads.core.activity;

import java.time.Instant;

/** Published for every appended activity, so scoring and nurturing can react to it after commit. */
public record ActivityRecorded(long activityId, long leadId, long productId, ActivityType type,
        Instant occurredAt) {
}
