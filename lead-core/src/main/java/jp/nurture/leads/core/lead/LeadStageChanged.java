package jp.nurture.leads.core.lead;

import java.time.Instant;

/** A lead moved from one stage to another; published after the change commits. */
public record LeadStageChanged(Long leadId, Long productId, Stage from, Stage to, String reason, Long actorId,
        Instant occurredAt) {
}
