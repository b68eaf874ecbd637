package jp.nurture.leads.core.lead;

import java.time.Instant;

/**
 * A lead crossed its product's hot rule. Published by lead-scoring; lead-routing reacts where the product routes
 * hot leads directly. It lives in core because scoring and routing must not know each other.
 */
public record LeadBecameHot(Long leadId, Long productId, int fitScore, int engagementScore, Instant occurredAt) {
}
