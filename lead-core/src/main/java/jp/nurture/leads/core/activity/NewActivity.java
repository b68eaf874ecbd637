package jp.nurture.leads.core.activity;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** An activity about to be appended to a lead's timeline. */
public record NewActivity(Long leadId, Long productId, ActivityType type, Instant occurredAt, Long actorId,
        Map<String, ?> detail) {

    public NewActivity {
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        detail = detail == null ? Map.of() : detail;
    }
}
