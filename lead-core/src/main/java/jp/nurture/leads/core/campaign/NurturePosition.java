package jp.nurture.leads.core.campaign;

import java.time.Instant;

/** Where a lead stands in a program. */
public record NurturePosition(long leadId, String fullName, int position, String status, String exitReason,
        Instant nextRunAt, Instant enteredAt) {
}
