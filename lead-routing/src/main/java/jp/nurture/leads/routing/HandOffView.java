package jp.nurture.leads.routing;

import java.time.Instant;
import java.util.List;

/** One hand-off as the queue, the board and the company page show it. */
public record HandOffView(long id, long leadId, String personName, Long companyId, String companyName,
        long productId, String productName, long ownerId, String ownerName, String ruleName, List<Reason> reasons,
        String status, String trigger, Instant routedAt, Instant dueAt, Instant escalatedAt, int score, boolean hot,
        String returnReason, String returnNote, Long wonAmountYen, java.time.LocalDate wonOn, String lostReason) {

    /** Whether the owner let the SLA pass without accepting. */
    public boolean overdue(Instant now) {
        return "OPEN".equals(status) && dueAt.isBefore(now);
    }
}
