package jp.nurture.leads.core.audit;

import java.time.Instant;
import java.util.Map;

/** One line of the audit log. */
public record AuditEntry(long id, Instant occurredAt, Long actorId, String actorName, AuditAction action,
        String subjectType, Long subjectId, Long productId, Map<String, Object> detail) {
}
